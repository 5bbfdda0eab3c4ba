import { Transform } from 'class-transformer';

/** A value that fails every type check, so a bad query string value becomes a 400. */
export const INVALID = Symbol('invalid');

/** `true`/`false` in any case and `1`/`0`; anything else is invalid (contract §1). */
export function parseQueryBoolean(value: unknown): unknown {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return INVALID;
  const text = value.trim().toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return INVALID;
}

/** Repeated keys (`a=1&a=2`) and comma-joined values (`a=1,2`) alike. */
export function parseQueryArray(value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]));
  return parts.map((p) => (typeof p === 'string' ? p.trim() : p)).filter((p) => p !== '');
}

export function parseQueryInt(value: unknown): unknown {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || !/^-?\d+$/.test(value.trim())) return INVALID;
  return Number(value.trim());
}

export const QueryBoolean = (): PropertyDecorator => Transform(({ value }) => parseQueryBoolean(value));
export const QueryArray = (): PropertyDecorator => Transform(({ value }) => parseQueryArray(value));
export const QueryInt = (): PropertyDecorator => Transform(({ value }) => parseQueryInt(value));
