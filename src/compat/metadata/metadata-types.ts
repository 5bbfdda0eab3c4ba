/**
 * ServiceStack's `MetadataTypes` (what `/types/metadata` answers and every `/types/{lang}`
 * generator reads), reduced to the parts this API uses. Property and type names are C#'s.
 */
export interface MetadataTypeName {
  name: string;
  namespace?: string;
  genericArgs?: string[];
}

export interface MetadataPropertyType {
  name: string;
  type: string;
  namespace?: string;
  genericArgs?: string[];
  isValueType?: boolean;
  isEnum?: boolean;
  isRequired?: boolean;
  description?: string;
}

export interface MetadataType {
  name: string;
  namespace: string;
  genericArgs?: string[];
  inherits?: MetadataTypeName;
  description?: string;
  isEnum?: boolean;
  enumNames?: string[];
  properties?: MetadataPropertyType[];
  /** Not ServiceStack's: a dictionary type (`Struct : Dictionary<string, Value>`) keeps its value type here. */
  dictionaryOf?: string;
}

export interface MetadataRoute {
  path: string;
  verbs: string;
}

export interface MetadataOperationType {
  request: MetadataType;
  response?: MetadataTypeName;
  actions: string[];
  method: string;
  returnsVoid: boolean;
  routes: MetadataRoute[];
  requiresAuth: boolean;
  requiresAnyRole: string[];
  tags: string[];
}

export interface MetadataTypes {
  config: { baseUrl: string; usePath?: string; makePropertiesOptional?: boolean };
  namespaces: string[];
  operations: MetadataOperationType[];
  types: MetadataType[];
}

/** `List<T>`, `Dictionary<K,V>`, `Nullable<T>` as C# writes them. */
export function csharpTypeName(t: { type: string; genericArgs?: string[] }): string {
  if (t.type === 'Nullable`1') return `${csharpTypeName({ type: t.genericArgs![0] })}?`;
  const base = t.type.replace(/`\d+$/, '');
  const simple = CSHARP_ALIASES[base] ?? base;
  return t.genericArgs?.length ? `${simple}<${t.genericArgs.map((a) => csharpTypeName({ type: a })).join(',')}>` : simple;
}

const CSHARP_ALIASES: Record<string, string> = { String: 'string', Boolean: 'bool', Int32: 'int', Double: 'double', Object: 'Object' };
