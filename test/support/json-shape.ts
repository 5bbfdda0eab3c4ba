/** JSON type of a value as the wire sees it. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Every key of `sample` (recursively) present in `actual` with the same JSON type. Arrays are
 * compared element-shape to element-shape when both have items; `mapPaths` are dictionaries whose
 * sample keys are placeholders, so only their type is compared.
 */
export function shapeDifferences(sample: unknown, actual: unknown, path = '$', mapPaths: string[] = []): string[] {
  if (jsonType(sample) !== jsonType(actual)) return [`${path}: expected ${jsonType(sample)}, got ${jsonType(actual)}`];
  if (mapPaths.includes(path)) return [];
  if (Array.isArray(sample) && Array.isArray(actual)) {
    return sample.length && actual.length ? shapeDifferences(sample[0], actual[0], `${path}[]`, mapPaths) : [];
  }
  if (jsonType(sample) === 'object') {
    const a = actual as Record<string, unknown>;
    return Object.entries(sample as Record<string, unknown>).flatMap(([key, value]) =>
      key in a ? shapeDifferences(value, a[key], `${path}.${key}`, mapPaths) : [`${path}.${key}: missing`],
    );
  }
  return [];
}

/** ServiceStack's error body: `{responseStatus: {errorCode, message, errors: [{errorCode, fieldName, message}]}}`. */
export function expectServiceStackError(body: unknown): void {
  const status = (body as { responseStatus?: Record<string, unknown> }).responseStatus;
  expect(status).toEqual({ errorCode: expect.any(String), message: expect.any(String), errors: expect.any(Array) });
  for (const e of status!.errors as unknown[]) {
    expect(e).toEqual({ errorCode: expect.any(String), fieldName: expect.any(String), message: expect.any(String) });
  }
}
