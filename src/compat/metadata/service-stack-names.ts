/**
 * How the DTO classes are known to ServiceStack's clients: a type's name and C# namespace, an
 * enum's name, a property's C# spelling and the ServiceStack type behind a free-form property.
 * Written on the class, enum or property itself; the metadata, the typed DTOs and the metadata
 * pages read it from there. Plain reflect-metadata, so the unit tier can load it without Nest.
 */
const TYPE_NAMING = Symbol('serviceStackTypeNaming');
const PROPERTY_NAMING = Symbol('serviceStackPropertyNaming');
const LIST_ITEM = Symbol('serviceStackListItem');

export const ROOT_NAMESPACE = 'Voice.Api';

export interface TypeNaming {
  /** The name on the wire and in generated code; the class name without `Dto` when absent. */
  name?: string;
  namespace: string;
}

export interface PropertyNaming {
  /** The C# spelling, where PascalCase of the wire name is not it (`aiInsights` → `AIInsights`). */
  csharpName?: string;
  /** A ServiceStack type that the class-level metadata cannot name (`Struct`, `EntityIntegrationData`). */
  type?: string;
}

type Constructor = abstract new (...args: never[]) => unknown;

/** A DTO class's ServiceStack name and namespace (`Voice.Api.Scheduling`). */
export function ServiceStackType(naming: TypeNaming): ClassDecorator {
  return (target) => Reflect.defineMetadata(TYPE_NAMING, naming, target);
}

export function ServiceStackProperty(naming: PropertyNaming): PropertyDecorator {
  return (target, key) => {
    const existing = (Reflect.getOwnMetadata(PROPERTY_NAMING, target, key) as PropertyNaming | undefined) ?? {};
    Reflect.defineMetadata(PROPERTY_NAMING, { ...existing, ...naming }, target, key);
  };
}

export function typeNamingOf(type: Constructor): TypeNaming | undefined {
  return Reflect.getOwnMetadata(TYPE_NAMING, type) as TypeNaming | undefined;
}

export function propertyNamingOf(type: Constructor, key: string): PropertyNaming {
  return (Reflect.getOwnMetadata(PROPERTY_NAMING, type.prototype as object, key) as PropertyNaming | undefined) ?? {};
}

/** Marks a `ListResponse<T>` class made for OpenAPI, so generated code names it generically. */
export function markListResponse(type: Constructor, item: Constructor): void {
  Reflect.defineMetadata(LIST_ITEM, item, type);
}

export function listItemOf(type: Constructor): Constructor | undefined {
  return Reflect.getOwnMetadata(LIST_ITEM, type) as Constructor | undefined;
}

const enums = new Map<object, TypeNaming & { name: string }>();

/** Names a TypeScript enum as ServiceStack knows it (`TagColor` is `TagColors`). */
export function registerServiceStackEnum(values: object, naming: TypeNaming & { name: string }): void {
  enums.set(values, naming);
}

export function enumNamingOf(values: object): (TypeNaming & { name: string }) | undefined {
  return enums.get(values);
}

export function registeredEnumEntries(): [object, TypeNaming & { name: string }][] {
  return [...enums.entries()];
}
