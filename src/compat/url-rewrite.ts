import type { IncomingMessage } from 'node:http';
import { rememberFormat, ResponseFormat, UNSUPPORTED_FORMATS } from '../common/http/response-format';
import { findOperation, hasBodyPathParams } from './operations';

const PREDEFINED = /^\/(api|json\/reply|csv\/reply)\/(\w+)$/;

/** The API documents are files, not operations: `.json` there is part of the name. */
const isDocsPath = (path: string): boolean => path === '/openapi.json' || path.startsWith('/swagger-ui');

/**
 * Runs before routing (Fastify's rewriteUrl). Takes the format out of the URL (`.csv`/`.json`
 * suffix, `?format=`) and maps predefined routes onto the custom ones: for GET and DELETE, and
 * for operations without path parameters, the DTO's fields stay in the query or body and path
 * parameters come from the query. Operations whose path parameters travel in a body have
 * explicit handlers instead (PredefinedRoutesController).
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

  const predefined = PREDEFINED.exec(path);
  // /csv/reply/{Operation} answers CSV, as ServiceStack's does.
  if (predefined?.[1] === 'csv/reply' && !format) rememberFormat(req, 'csv');
  const route = predefined ? findOperation(predefined[2]) : undefined;
  if (route && !hasBodyPathParams(route) && req.method?.toUpperCase() === route.method) {
    path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      const value = query.get(name);
      query.delete(name);
      return value ? encodeURIComponent(value) : '_';
    });
    changed = true;
  }
  if (!changed) return original;
  const rest = query.toString();
  return rest ? `${path}?${rest}` : path;
}
