import { MetadataOperationType, MetadataType, MetadataTypes } from './metadata-types';

/** Every type name a type refers to: its base, its properties' types and their generic arguments. */
function referencesOf(type: MetadataType): string[] {
  const names = [type.inherits?.name, ...(type.inherits?.genericArgs ?? []), type.dictionaryOf];
  for (const p of type.properties ?? []) names.push(p.type, ...(p.genericArgs ?? []));
  return names.filter((n): n is string => !!n);
}

/** A generic's key in `types`: `ListResponse` with one argument is ``ListResponse`1``. */
const keyOf = (name: string, genericArgs?: string[]): string =>
  genericArgs?.length ? `${name.replace(/`\d+$/, '')}\`${genericArgs.length}` : name;

/** A type and everything it refers to, transitively; requests bring their responses. */
export function closureOf(meta: MetadataTypes, roots: string[]): Set<string> {
  const byName = allTypes(meta);
  const responseOf = new Map(meta.operations.map((o) => [o.request.name, o.response]));
  const seen = new Set<string>();
  const visit = (name: string): void => {
    const type = byName.get(name) ?? byName.get(keyOf(name, ['T']));
    if (!type || seen.has(type.name)) return;
    seen.add(type.name);
    const response = responseOf.get(type.name);
    if (response) [keyOf(response.name, response.genericArgs), ...(response.genericArgs ?? [])].forEach(visit);
    referencesOf(type).forEach(visit);
  };
  roots.forEach(visit);
  return seen;
}

/** Request types and every other type, by name. */
export function allTypes(meta: MetadataTypes): Map<string, MetadataType> {
  return new Map([...meta.types, ...meta.operations.map((o) => o.request)].map((t) => [t.name, t]));
}

export interface TypeFilter {
  /** `NewCustomer` (that type), `NewCustomer.*` (it and every type it uses), comma-joined. */
  includeTypes?: string[];
  excludeTypes?: string[];
}

/** ServiceStack's IncludeTypes / ExcludeTypes: which types a generated file holds. */
export function selectTypes(
  meta: MetadataTypes,
  filter: TypeFilter,
): { types: MetadataType[]; operations: Map<string, MetadataOperationType> } {
  const byName = allTypes(meta);
  let names = new Set(byName.keys());
  if (filter.includeTypes?.length) {
    names = new Set<string>();
    for (const entry of filter.includeTypes) {
      if (entry.endsWith('.*')) closureOf(meta, [entry.slice(0, -2)]).forEach((n) => names.add(n));
      else if (byName.has(entry) || byName.has(`${entry}\`1`)) names.add(byName.has(entry) ? entry : `${entry}\`1`);
    }
  }
  for (const name of filter.excludeTypes ?? []) names.delete(name);
  const operations = new Map(meta.operations.filter((o) => names.has(o.request.name)).map((o) => [o.request.name, o]));
  return { types: [...byName.values()].filter((t) => names.has(t.name)), operations };
}

/** Bases before the types that extend them (a class must exist before `extends` runs); otherwise by name. */
export function basesFirst(types: MetadataType[]): MetadataType[] {
  const byName = new Map(types.map((t) => [t.name, t]));
  const out: MetadataType[] = [];
  const placed = new Set<string>();
  const place = (t: MetadataType): void => {
    if (placed.has(t.name)) return;
    placed.add(t.name);
    const base = t.inherits && byName.get(keyOf(t.inherits.name, t.inherits.genericArgs?.length ? ['T'] : undefined));
    if (base) place(base);
    out.push(t);
  };
  [...types].sort((a, b) => a.name.localeCompare(b.name)).forEach(place);
  return out;
}

/** ServiceStack reads its options as `True`/`False`, case-insensitively. */
export const optionIsTrue = (value: string | undefined, fallback: boolean): boolean =>
  value === undefined || value === '' ? fallback : value.toLowerCase() === 'true';

export const optionList = (value: string | undefined): string[] | undefined =>
  value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** The types a generated file holds, by its header's IncludeTypes/ExcludeTypes, and which of them an operation answers with. */
export function selectByOptions(
  meta: MetadataTypes,
  given: Record<string, string>,
): ReturnType<typeof selectTypes> & { responses: Set<string | undefined> } {
  const selected = selectTypes(meta, { includeTypes: optionList(given.IncludeTypes), excludeTypes: optionList(given.ExcludeTypes) });
  return { ...selected, responses: new Set([...selected.operations.values()].map((o) => o.response?.name)) };
}
