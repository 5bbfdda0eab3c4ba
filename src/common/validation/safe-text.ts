import { fieldLabel } from './validation-errors';

/**
 * What no text the API stores may hold: C0 and C1 control characters (tab, line feed and
 * carriage return excepted where text may span lines) and the bidi embeddings, overrides and
 * isolates that make a name display as something else (U+202A–U+202E, U+2066–U+2069).
 * Letters of every script, emoji, combining marks and the plain LRM/RLM marks stay welcome.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const LINE_BREAKS = /[\t\n\r]/;
/** Struct values and rule conditions are free text that may span lines. */
const MULTILINE = /(^|\.)(data|integrationData|flowParams)(\.|\[|$)|(^|\.)condition$/;

const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();

/** Why `text` at `path` is refused, or undefined when it is fine. */
export function findTextProblem(text: string, path: string): string | undefined {
  const label = `'${fieldLabel(path || 'value')}'`;
  if (!isWellFormed(text)) return `${label} holds a lone surrogate (not valid Unicode text).`;
  if (FORBIDDEN.test(text)) return `${label} must not hold control characters or bidi overrides.`;
  if (LINE_BREAKS.test(text) && !MULTILINE.test(path)) return `${label} must not hold tabs or line breaks.`;
  return undefined;
}
