import { getMetadataStorage } from 'class-validator';
import { MetadataPropertyType, MetadataType, MetadataTypeName } from './metadata-types';
import { enumNamingOf, listItemOf, propertyNamingOf, registeredEnumEntries, typeNamingOf } from './service-stack-names';
import { WELL_KNOWN_TYPES } from './well-known-types';

type Constructor = abstract new (...args: never[]) => unknown;

/** What the Swagger CLI plugin (from types and JSDoc) and `@ApiProperty` record for a property. */
interface SwaggerProperty {
  type?: unknown;
  isArray?: boolean;
  required?: boolean;
  nullable?: boolean;
  description?: string;
  enum?: unknown;
}

type PropertyKind = Omit<MetadataPropertyType, 'name' | 'description' | 'isRequired'>;

/** ServiceStack's camelCase: a leading run of capitals is lowered up to the last one before a lower-case letter. */
export function camelCase(name: string): string {
  let leading = true;
  return [...name]
    .map((c, i) => {
      const next = name[i + 1] ?? 'A';
      const upper = (s: string) => s >= 'A' && s <= 'Z';
      if (leading && upper(c) && (upper(next) || i === 0)) return c.toLowerCase();
      leading = false;
      return c;
    })
    .join('');
}

const pascalCase = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);
const isThunk = (value: unknown): value is () => unknown => typeof value === 'function' && !(value as { prototype?: unknown }).prototype;
const isClass = (value: unknown): value is Constructor => typeof value === 'function' && !!(value as { prototype?: unknown }).prototype;

function parentOf(type: Constructor): Constructor | undefined {
  const parent = Object.getPrototypeOf(type) as unknown;
  return isClass(parent) && parent !== Object ? parent : undefined;
}

function factoryOf(type: Constructor): Record<string, SwaggerProperty> {
  const factory = Object.prototype.hasOwnProperty.call(type, '_OPENAPI_METADATA_FACTORY')
    ? (type as unknown as { _OPENAPI_METADATA_FACTORY(): Record<string, SwaggerProperty> })._OPENAPI_METADATA_FACTORY()
    : {};
  return factory;
}

/** A class's own properties, in declaration order: the plugin's, then any only `@ApiProperty` declares. */
function ownProperties(type: Constructor): [string, SwaggerProperty][] {
  const factory = factoryOf(type);
  const inherited = new Set<string>();
  for (let p = parentOf(type); p; p = parentOf(p)) for (const [key] of ownProperties(p)) inherited.add(key);
  const decorated = (
    (Reflect.getOwnMetadata('swagger/apiModelPropertiesArray', type.prototype as object) as string[] | undefined) ?? []
  ).map((k) => k.replace(/^:/, ''));
  const keys = [...new Set([...Object.keys(factory), ...decorated.filter((k) => !inherited.has(k))])];
  return keys.map((key) => {
    const explicit = Reflect.getOwnMetadata('swagger/apiModelProperties', type.prototype as object, key) as SwaggerProperty | undefined;
    return [key, { ...factory[key], ...explicit }];
  });
}

function validatedAsInteger(type: Constructor, key: string): boolean {
  return getMetadataStorage()
    .getTargetValidationMetadatas(type, '', true, false)
    .some((m) => m.propertyName === key && m.name === 'isInt');
}

/**
 * Reads DTO classes into ServiceStack metadata types: names and namespaces from
 * `@ServiceStackType`, properties, their types and descriptions from what the Swagger plugin
 * derives from the TypeScript types and JSDoc, integer or double from the class-validator rules.
 * Every type a read type uses is read too; `types` then holds them all, each once.
 */
export class DtoTypeReader {
  readonly types = new Map<string, MetadataType>();
  private readonly names = new Map<Constructor, string>();

  /** The name of a class's type, reading it on first sight (into `namespace` unless it names its own). */
  typeOf(type: Constructor, namespace: string): MetadataTypeName {
    const item = listItemOf(type);
    if (item) return this.listResponseOf(type, item, namespace);
    const known = this.names.get(type);
    if (known) return { name: known, namespace: this.types.get(known)!.namespace };
    const naming = typeNamingOf(type);
    const name = naming?.name ?? type.name.replace(/Dto$/, '');
    this.names.set(type, name);
    const read: MetadataType = { name, namespace: naming?.namespace ?? namespace, properties: [] };
    this.types.set(name, read);
    const parent = parentOf(type);
    if (parent) read.inherits = this.typeOf(parent, read.namespace);
    read.properties = ownProperties(type).map(([key, meta]) => this.property(type, key, meta, read.namespace));
    return { name, namespace: read.namespace };
  }

  /** A request type named after its operation: path parameters, then every property of its DTO classes. */
  request(name: string, namespace: string, description: string | undefined, pathParams: string[], dtos: Constructor[]): MetadataType {
    const request: MetadataType = { name, namespace, description, properties: [] };
    const [first, ...others] = dtos;
    const base = first && parentOf(first);
    if (base) request.inherits = this.typeOf(base, namespace);
    const properties = pathParams.map((p): MetadataPropertyType => ({ name: pascalCase(p), type: 'String', isRequired: true }));
    const own = (type: Constructor) => ownProperties(type).map(([key, meta]) => this.property(type, key, meta, namespace));
    const chain = (type: Constructor): MetadataPropertyType[] => [...(parentOf(type) ? chain(parentOf(type)!) : []), ...own(type)];
    if (first) properties.push(...own(first));
    for (const dto of others) properties.push(...chain(dto));
    const seen = new Set<string>();
    request.properties = properties.filter((p) => !seen.has(p.name) && seen.add(p.name));
    return request;
  }

  private property(type: Constructor, key: string, meta: SwaggerProperty, namespace: string): MetadataPropertyType {
    const naming = propertyNamingOf(type, key);
    const kind = this.kindOf(type, key, meta, naming.type, namespace);
    return {
      name: naming.csharpName ?? pascalCase(key),
      ...kind,
      ...(meta.required !== false && !meta.nullable ? { isRequired: true } : {}),
      ...(meta.description ? { description: meta.description } : {}),
    };
  }

  private kindOf(type: Constructor, key: string, meta: SwaggerProperty, named: string | undefined, namespace: string): PropertyKind {
    if (named) return { type: named, namespace: this.wellKnown(named).namespace };
    let t = isThunk(meta.type) ? meta.type() : meta.type;
    let isArray = meta.isArray === true;
    if (Array.isArray(t)) [isArray, t] = [true, t[0]];
    const element = this.elementOf(type, key, t, meta, namespace);
    if (isArray) return { type: 'List`1', genericArgs: [element.type] };
    if (meta.nullable && element.isValueType && !element.isEnum) return { type: 'Nullable`1', genericArgs: [element.type] };
    return element;
  }

  private elementOf(type: Constructor, key: string, t: unknown, meta: SwaggerProperty, namespace: string): PropertyKind {
    const values = isThunk(meta.enum) ? meta.enum() : meta.enum;
    if (values && typeof values === 'object') return this.enumOf(values, key);
    if (t === String || t === 'string') return { type: 'String' };
    if (t === Boolean || t === 'boolean') return { type: 'Boolean', isValueType: true };
    if (t === Number || t === 'number' || t === 'integer')
      return { type: t === 'integer' || validatedAsInteger(type, key) ? 'Int32' : 'Double', isValueType: true };
    if (isClass(t) && t !== Object) {
      const read = this.typeOf(t, namespace);
      return { type: read.name, namespace: read.namespace, ...(read.genericArgs ? { genericArgs: read.genericArgs } : {}) };
    }
    return { type: 'Object' };
  }

  private enumOf(values: object, key: string): PropertyKind {
    const list = Array.isArray(values) ? (values as unknown[]) : Object.values(values);
    // `@ApiProperty({ enum })` hands over the values, not the enum: such an enum is found by its values.
    const naming =
      enumNamingOf(values) ??
      registeredEnumEntries().find(
        ([e]) => Object.values(e).length === list.length && Object.values(e).every((v) => list.includes(v)),
      )?.[1];
    const name = naming?.name ?? pascalCase(key);
    if (!this.types.has(name)) {
      this.types.set(name, { name, namespace: naming?.namespace ?? 'System', isEnum: true, enumNames: list.map(String) });
    }
    return { type: name, namespace: this.types.get(name)!.namespace, isValueType: true, isEnum: true };
  }

  private wellKnown(name: string): MetadataType {
    const type = WELL_KNOWN_TYPES[name];
    if (!type) throw new Error(`No ServiceStack type ${name}`);
    if (!this.types.has(name)) {
      this.types.set(name, type);
      for (const dep of [type.dictionaryOf, ...(type.properties ?? []).flatMap((p) => [p.type, ...(p.genericArgs ?? [])])])
        if (dep && WELL_KNOWN_TYPES[dep]) this.wellKnown(dep);
    }
    return type;
  }

  private listResponseOf(page: Constructor, item: Constructor, namespace: string): MetadataTypeName {
    if (!this.types.has('ListResponse`1')) {
      const properties = ownProperties(page).map(([key, meta]) =>
        key === 'items' ? { name: 'Items', type: 'List`1', genericArgs: ['T'] } : this.property(page, key, meta, namespace),
      );
      this.types.set('ListResponse`1', { name: 'ListResponse`1', namespace: 'Voice.Api', genericArgs: ['T'], properties });
    }
    return { name: 'ListResponse`1', namespace: 'Voice.Api', genericArgs: [this.typeOf(item, namespace).name] };
  }
}
