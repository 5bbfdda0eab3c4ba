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

/** The known options among a request's query parameters, matched case-insensitively and kept in their spelling. */
export function givenOptions(query: Record<string, unknown>, defaults: [string, string][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key] of defaults) {
    const found = Object.keys(query).find((k) => k.toLowerCase() === key.toLowerCase());
    const value = found === undefined ? undefined : query[found];
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}
