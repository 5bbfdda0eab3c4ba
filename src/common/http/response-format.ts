import type { IncomingMessage } from 'node:http';
export type ResponseFormat = 'json' | 'csv';

/** What the URL asked for (`.csv`, `?format=csv`); set while rewriting the URL, before routing. */
const requested = new WeakMap<IncomingMessage, ResponseFormat | 'unsupported'>();

/** Formats ServiceStack knows but this API does not serve: asking for them is a 406. */
export const UNSUPPORTED_FORMATS = new Set(['xml', 'jsv', 'html', 'csv2', 'protobuf', 'msgpack', 'wire', 'jsonl']);

export function rememberFormat(req: IncomingMessage, format: ResponseFormat | 'unsupported'): void {
  requested.set(req, format);
}

interface AcceptEntry {
  type: string;
  q: number;
}

function parseAccept(header: string | undefined): AcceptEntry[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [type, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { type: type.trim(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((e) => e.type && e.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
}

const ACCEPTED: Record<string, ResponseFormat> = {
  'application/json': 'json',
  'text/csv': 'csv',
  '*/*': 'json',
  'application/*': 'json',
  'text/*': 'csv',
};

/**
 * The format of the response: the URL's choice first (`.csv`/`.json`, `?format=`), then the
 * Accept header, JSON by default; null when none of what was asked for can be produced (406).
 */
export function negotiateFormat(req: IncomingMessage): ResponseFormat | null {
  const fromUrl = requested.get(req);
  if (fromUrl === 'unsupported') return null;
  if (fromUrl) return fromUrl;
  const entries = parseAccept(req.headers.accept);
  if (!entries.length) return 'json';
  const match = entries.find((e) => Object.hasOwn(ACCEPTED, e.type));
  return match ? ACCEPTED[match.type] : null;
}

/** True when the client asked for CSV and nothing else: its errors then come as CSV too. */
export function wantsCsvOnly(req: IncomingMessage): boolean {
  const fromUrl = requested.get(req);
  if (fromUrl) return fromUrl === 'csv';
  const entries = parseAccept(req.headers.accept);
  return entries.length > 0 && entries.every((e) => e.type === 'text/csv');
}
