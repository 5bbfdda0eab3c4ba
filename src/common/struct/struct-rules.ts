import type { IntegrationDataMap, Struct, StructValue } from './struct.types';

export const STRUCT_LIMITS = {
  maxDepth: 8,
  maxKeys: 100,
  maxKeyLength: 100,
  maxListItems: 100,
  maxStringLength: 10000,
  maxJsonBytes: 64 * 1024,
};

/** Keys that would reach Object.prototype if a consumer ever merged the map naively. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const KINDS = ['boolValue', 'stringValue', 'numberValue', 'listValue', 'structValue'] as const;

export interface StructProblem {
  path: string;
  message: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function checkKeys(obj: Record<string, unknown>, path: string): StructProblem | undefined {
  const keys = Object.keys(obj);
  if (keys.length > STRUCT_LIMITS.maxKeys) return { path, message: `has more than ${STRUCT_LIMITS.maxKeys} keys` };
  for (const key of keys) {
    if (FORBIDDEN_KEYS.has(key)) return { path: `${path}.${key}`, message: 'is a reserved key name' };
    if (key.length === 0 || key.length > STRUCT_LIMITS.maxKeyLength) {
      return { path: `${path}.${key}`, message: `key must be 1 to ${STRUCT_LIMITS.maxKeyLength} characters` };
    }
  }
  return undefined;
}

function checkValue(value: unknown, path: string, depth: number): StructProblem | undefined {
  if (!isPlainObject(value)) return { path, message: 'must be a Value object' };
  const unknownKey = Object.keys(value).find((k) => !(KINDS as readonly string[]).includes(k));
  if (unknownKey !== undefined) return { path: `${path}.${unknownKey}`, message: 'is not a Value property' };
  const set = KINDS.filter((k) => value[k] !== undefined && value[k] !== null);
  if (set.length !== 1) return { path, message: 'must set exactly one of boolValue, stringValue, numberValue, listValue, structValue' };
  const kind = set[0];
  const inner = value[kind];
  const at = `${path}.${kind}`;
  switch (kind) {
    case 'boolValue':
      return typeof inner === 'boolean' ? undefined : { path: at, message: 'must be a boolean' };
    case 'stringValue':
      if (typeof inner !== 'string') return { path: at, message: 'must be a string' };
      return inner.length > STRUCT_LIMITS.maxStringLength
        ? { path: at, message: `must be at most ${STRUCT_LIMITS.maxStringLength} characters` }
        : undefined;
    case 'numberValue':
      return typeof inner === 'number' && Number.isFinite(inner) ? undefined : { path: at, message: 'must be a finite number' };
    case 'listValue': {
      if (!Array.isArray(inner)) return { path: at, message: 'must be a list of Structs' };
      if (inner.length > STRUCT_LIMITS.maxListItems) return { path: at, message: `must have at most ${STRUCT_LIMITS.maxListItems} items` };
      for (let i = 0; i < inner.length; i++) {
        const problem = checkStruct(inner[i], `${at}[${i}]`, depth + 1);
        if (problem) return problem;
      }
      return undefined;
    }
    default:
      return checkStruct(inner, at, depth + 1);
  }
}

function checkStruct(value: unknown, path: string, depth: number): StructProblem | undefined {
  if (depth > STRUCT_LIMITS.maxDepth) return { path, message: `nests deeper than ${STRUCT_LIMITS.maxDepth} levels` };
  if (!isPlainObject(value)) return { path, message: 'must be an object of named Values' };
  const keyProblem = checkKeys(value, path);
  if (keyProblem) return keyProblem;
  for (const [key, inner] of Object.entries(value)) {
    const problem = checkValue(inner, `${path}.${key}`, depth);
    if (problem) return problem;
  }
  return undefined;
}

/** The first problem of a Struct, with the JSON path of the offending value. */
export function findStructProblem(value: unknown, path: string): StructProblem | undefined {
  const problem = checkStruct(value, path, 1);
  if (problem) return problem;
  if (Buffer.byteLength(JSON.stringify(value)) > STRUCT_LIMITS.maxJsonBytes) {
    return { path, message: `must be at most ${STRUCT_LIMITS.maxJsonBytes} bytes as JSON` };
  }
  return undefined;
}

export function findIntegrationDataProblem(value: unknown, path: string): StructProblem | undefined {
  if (!isPlainObject(value)) return { path, message: 'must be an object keyed by system name' };
  const keyProblem = checkKeys(value, path);
  if (keyProblem) return keyProblem;
  for (const [key, entry] of Object.entries(value)) {
    const at = `${path}.${key}`;
    if (!isPlainObject(entry)) return { path: at, message: 'must be an object with thirdPartyId' };
    const extra = Object.keys(entry).find((k) => k !== 'thirdPartyId');
    if (extra !== undefined) return { path: `${at}.${extra}`, message: 'is not an IntegrationData property' };
    const id = entry.thirdPartyId;
    if (id !== undefined && id !== null && (typeof id !== 'string' || id.length > 200)) {
      return { path: `${at}.thirdPartyId`, message: 'must be a string of at most 200 characters' };
    }
  }
  return undefined;
}

/** Drops the null kinds a client may send beside the one that is set. */
export function normalizeStruct(struct: Struct): Struct {
  const out: Struct = {};
  for (const [key, value] of Object.entries(struct)) {
    const clean: StructValue = {};
    if (value.boolValue !== undefined && value.boolValue !== null) clean.boolValue = value.boolValue;
    if (value.stringValue !== undefined && value.stringValue !== null) clean.stringValue = value.stringValue;
    if (value.numberValue !== undefined && value.numberValue !== null) clean.numberValue = value.numberValue;
    if (value.listValue !== undefined && value.listValue !== null) clean.listValue = value.listValue.map(normalizeStruct);
    if (value.structValue !== undefined && value.structValue !== null) clean.structValue = normalizeStruct(value.structValue);
    out[key] = clean;
  }
  return out;
}

export function normalizeIntegrationData(map: IntegrationDataMap): IntegrationDataMap {
  const out: IntegrationDataMap = {};
  for (const [key, entry] of Object.entries(map)) out[key] = { thirdPartyId: entry.thirdPartyId ?? null };
  return out;
}
