import { ValidateIf } from 'class-validator';

/**
 * May be left out, but not sent as null. class-validator's @IsOptional also lets null through,
 * which would then reach the database as "clear this".
 */
export const IsOmittable = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

const NULL_MEANINGFUL = Symbol('nullMeaningful');

/**
 * ServiceStack reads a property sent as null as one left out; this marks the few where the
 * contract gives null a meaning of its own (PatchCustomer's parentCustomerId: "make it a root").
 */
export const NullIsMeaningful = (): PropertyDecorator => (target, key) => {
  const keys = (Reflect.getMetadata(NULL_MEANINGFUL, target) as string[] | undefined) ?? [];
  Reflect.defineMetadata(NULL_MEANINGFUL, [...keys, String(key)], target);
};

/** The top-level properties of a DTO class whose null is kept. */
export const nullMeaningfulKeys = (metatype: unknown): string[] => {
  const prototype = (metatype as { prototype?: object } | undefined)?.prototype;
  return prototype ? ((Reflect.getMetadata(NULL_MEANINGFUL, prototype) as string[] | undefined) ?? []) : [];
};

/** A copy without null-valued properties, at every depth, except the listed top-level keys. */
export function withoutNulls(value: unknown, keep: readonly string[] = []): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutNulls(v));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null && !keep.includes(k)) continue;
    out[k] = withoutNulls(v);
  }
  return out;
}
