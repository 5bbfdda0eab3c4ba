import type { IncomingMessage } from 'node:http';
import { rememberFormat, ResponseFormat, UNSUPPORTED_FORMATS } from '../common/http/response-format';

const CSV_REPLY = /^\/csv\/reply\/\w+$/;

/** The API documents are files, not operations: `.json` there is part of the name. */
const isDocsPath = (path: string): boolean => path === '/openapi.json' || path.startsWith('/swagger-ui');

/**
 * Runs before routing (Fastify's rewriteUrl), the one place the response format is negotiated
 * from the URL: a `.csv`/`.json` suffix, `?format=`, or `/csv/reply/{Operation}` (the predefined
 * routes themselves are routes of their operations, see @Operation).
 */
export function rewriteUrl(req: IncomingMessage): string {
  const original = req.url ?? '/';
  const q = original.indexOf('?');
  let path = q >= 0 ? original.slice(0, q) : original;
  const query = new URLSearchParams(q >= 0 ? original.slice(q + 1) : '');
  let changed = false;
  let format: ResponseFormat | 'unsupported' | undefined;

  const suffix = isDocsPath(path) ? null : /\.(\w+)$/.exec(path.slice(path.lastIndexOf('/') + 1));
  if (suffix) {
    const ext = suffix[1].toLowerCase();
    if (ext === 'csv' || ext === 'json' || UNSUPPORTED_FORMATS.has(ext)) {
      format = ext === 'csv' || ext === 'json' ? ext : 'unsupported';
      path = path.slice(0, -suffix[0].length);
      changed = true;
    }
  }
  const formatParam = query.get('format');
  if (formatParam !== null) {
    const f = formatParam.trim().toLowerCase();
    format = f === 'csv' || f === 'json' ? f : 'unsupported';
    query.delete('format');
    changed = true;
  }
  if (format) rememberFormat(req, format);

  // /csv/reply/{Operation} answers CSV, as ServiceStack's does.
  if (CSV_REPLY.test(path) && !format) rememberFormat(req, 'csv');
  if (!changed) return original;
  const rest = query.toString();
  return rest ? `${path}?${rest}` : path;
}
