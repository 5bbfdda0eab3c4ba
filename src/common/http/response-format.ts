import type { IncomingMessage } from 'node:http';
export type ResponseFormat = 'json' | 'csv';

const URL_FORMAT = Symbol('urlFormat');
const NEGOTIATED = Symbol('negotiatedFormat');

/** The request itself carries what its URL asked for and, once decided, the format negotiated. */
type FormatCarrier = IncomingMessage & {
  [URL_FORMAT]?: ResponseFormat | 'unsupported';
  [NEGOTIATED]?: Negotiated;
};

export interface Negotiated {
  /** The response's format; null when nothing asked for can be produced (406). */
  format: ResponseFormat | null;
  /** The client asked for CSV and nothing else: its errors then come as CSV too. */
  csvOnly: boolean;
}

/** Formats ServiceStack knows but this API does not serve: asking for them is a 406. */
export const UNSUPPORTED_FORMATS = new Set(['xml', 'jsv', 'html', 'csv2', 'protobuf', 'msgpack', 'wire', 'jsonl']);

/** What the URL asked for (`.csv`, `?format=csv`, `/csv/reply/…`); set while rewriting the URL, before routing. */
export function rememberFormat(req: IncomingMessage, format: ResponseFormat | 'unsupported'): void {
  (req as FormatCarrier)[URL_FORMAT] = format;
}

/** The format of this request's response, decided once (URL first, then Accept) and kept on the request. */
export function negotiated(req: IncomingMessage): Negotiated {
  const carrier = req as FormatCarrier;
  carrier[NEGOTIATED] ??= { format: negotiateFormat(req), csvOnly: wantsCsvOnly(req) };
  return carrier[NEGOTIATED];
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
function negotiateFormat(req: IncomingMessage): ResponseFormat | null {
  const fromUrl = (req as FormatCarrier)[URL_FORMAT];
  if (fromUrl === 'unsupported') return null;
  if (fromUrl) return fromUrl;
  const entries = parseAccept(req.headers.accept);
  if (!entries.length) return 'json';
  const match = entries.find((e) => Object.hasOwn(ACCEPTED, e.type));
  return match ? ACCEPTED[match.type] : null;
}

/** True when the client asked for CSV and nothing else: its errors then come as CSV too. */
function wantsCsvOnly(req: IncomingMessage): boolean {
  const fromUrl = (req as FormatCarrier)[URL_FORMAT];
  if (fromUrl) return fromUrl === 'csv';
  const entries = parseAccept(req.headers.accept);
  return entries.length > 0 && entries.every((e) => e.type === 'text/csv');
}
