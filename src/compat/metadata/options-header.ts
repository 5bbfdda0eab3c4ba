/** ServiceStack's DTO version line: the generators below follow its v8 output. */
export const SERVICESTACK_DTO_VERSION = '8.0';

/**
 * The `/* Options: … *\/` header that `typescript-ref` and `csharp-ref` read to update a file: the
 * options a request gave are written live, the rest commented out with their defaults.
 */
export function optionsHeader(baseUrl: string, defaults: [string, string][], given: Record<string, string>, now = new Date()): string {
  const date = now.toISOString().replace('T', ' ').slice(0, 19);
  const lines = defaults.map(([key, fallback]) => (key in given ? `${key}: ${given[key]}` : `//${key}: ${fallback}`));
  return [
    '/* Options:',
    `Date: ${date}`,
    `Version: ${SERVICESTACK_DTO_VERSION}`,
    'Tip: To override a DTO option, remove "//" prefix before updating',
    `BaseUrl: ${baseUrl}`,
    '',
    ...lines,
    '*/',
    '',
  ].join('\n');
}

/**
 * An option's value as it may appear in the header comment: one line, no comment terminator, so
 * no query string can end the comment and write code into a client's DTO file.
 */
const commentSafe = (value: string): string =>
  value
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '')
    .replace(/\*\//g, '')
    .slice(0, 1000);

/** The known options among a request's query parameters, matched case-insensitively and kept in their spelling. */
export function givenOptions(query: Record<string, unknown>, defaults: [string, string][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key] of defaults) {
    const found = Object.keys(query).find((k) => k.toLowerCase() === key.toLowerCase());
    const value = found === undefined ? undefined : query[found];
    if (typeof value === 'string') out[key] = commentSafe(value);
  }
  return out;
}

/** The base URL generated code names: the request's own, when its Host is a plain host name and port. */
export function baseUrlOf(protocol: string, host: string | undefined): string {
  return `${protocol === 'https' ? 'https' : 'http'}://${host && /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? host : 'localhost'}`;
}
