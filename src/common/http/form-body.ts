const FORM_BODY = Symbol('formBody');

/** Marks a parsed application/x-www-form-urlencoded body (its values are all strings). */
export function markFormBody<T extends object>(body: T): T {
  Object.defineProperty(body, FORM_BODY, { value: true, enumerable: false });
  return body;
}

export const isFormBody = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[FORM_BODY] === true;
