import { ApiError } from '../errors/api-error';
import { findTextProblem } from '../validation/safe-text';
import { fieldLabel } from '../validation/validation-errors';

/**
 * Fixed limits on every request body, checked before any DTO code runs (README, "Limits").
 * The byte size is BODY_LIMIT_BYTES; these bound the shape, so that no body is costlier to
 * refuse than to read.
 */
export const BODY_LIMITS = {
  maxDepth: 40,
  maxKeysPerObject: 500,
  /** Object keys and array items across the whole body. */
  maxNodes: 20_000,
  maxArrayLength: 1000,
  maxStringLength: 65_536,
  maxKeyLength: 200,
};

const tooComplex = (message: string): ApiError => new ApiError(400, 'RequestTooComplex', message);

/**
 * Nesting depth of JSON text, in one pass that skips strings, before JSON.parse builds anything:
 * 100,000 brackets are refused for the cost of reading them.
 */
export function checkJsonDepth(text: string): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip a string: up to the next quote not escaped by a backslash.
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c) i++;
        else if (s === 0x22) break;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > BODY_LIMITS.maxDepth) throw tooComplex(`The request body nests deeper than ${BODY_LIMITS.maxDepth} levels.`);
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
}

/** JSON path of a child, as validation errors name fields: `a.b`, `a[2]`. */
const childPath = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/**
 * Key counts, array lengths, string lengths and safe text over a parsed body, iteratively (no
 * recursion to overflow) and in time linear in its size.
 */
export function checkBodyLimits(body: unknown, rootPath = ''): void {
  const stack: [unknown, string][] = [[body, rootPath]];
  let nodes = 0;
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.length > BODY_LIMITS.maxStringLength) {
        throw ApiError.field(path, 'MaximumLength', `'${fieldLabel(path)}' must be at most ${BODY_LIMITS.maxStringLength} characters.`);
      }
      const problem = findTextProblem(value, path);
      if (problem) throw ApiError.field(path, 'InvalidCharacters', problem);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      if (value.length > BODY_LIMITS.maxArrayLength) {
        throw ApiError.field(path, 'MaximumLength', `'${fieldLabel(path)}' must have at most ${BODY_LIMITS.maxArrayLength} items.`);
      }
      nodes += value.length;
      for (let i = 0; i < value.length; i++) stack.push([value[i], childPath(path, i)]);
    } else {
      const keys = Object.keys(value);
      if (keys.length > BODY_LIMITS.maxKeysPerObject) {
        throw tooComplex(`${path ? `'${path}'` : 'The request body'} has more than ${BODY_LIMITS.maxKeysPerObject} properties.`);
      }
      nodes += keys.length;
      for (const key of keys) {
        if (key.length > BODY_LIMITS.maxKeyLength)
          throw tooComplex(`A property name is longer than ${BODY_LIMITS.maxKeyLength} characters.`);
        const at = childPath(path, key);
        const problem = findTextProblem(key, at);
        if (problem) throw tooComplex('A property name holds characters that are not allowed.');
        stack.push([(value as Record<string, unknown>)[key], at]);
      }
    }
    if (nodes > BODY_LIMITS.maxNodes) throw tooComplex(`The request body has more than ${BODY_LIMITS.maxNodes} values.`);
  }
}
