import type { IncomingMessage } from 'node:http';
import { negotiated, rememberFormat } from './response-format';

const negotiateFormat = (r: IncomingMessage) => negotiated(r).format;
const wantsCsvOnly = (r: IncomingMessage) => negotiated(r).csvOnly;

const req = (accept?: string): IncomingMessage => ({ headers: accept ? { accept } : {} }) as IncomingMessage;

describe('response format negotiation', () => {
  it.each([
    [undefined, 'json'],
    ['application/json', 'json'],
    ['*/*', 'json'],
    ['text/csv', 'csv'],
    ['text/csv;q=0.5, application/json', 'json'],
    ['text/html, text/csv', 'csv'],
  ])('Accept %p gives %p', (accept, format) => expect(negotiateFormat(req(accept))).toBe(format));

  it('finds nothing it can produce for other types (a 406)', () => {
    expect(negotiateFormat(req('application/xml'))).toBeNull();
    expect(negotiateFormat(req('constructor'))).toBeNull();
    const r = req();
    rememberFormat(r, 'unsupported');
    expect(negotiateFormat(r)).toBeNull();
  });

  it('lets the URL override the Accept header', () => {
    const r = req('text/csv');
    rememberFormat(r, 'json');
    expect(negotiateFormat(r)).toBe('json');
  });

  it('decides once per request, and keeps the answer on the request', () => {
    const r = req('text/csv');
    expect(negotiated(r)).toBe(negotiated(r));
  });

  it('sends CSV errors only to clients that accept nothing but CSV', () => {
    expect(wantsCsvOnly(req('text/csv'))).toBe(true);
    expect(wantsCsvOnly(req('text/csv, application/json'))).toBe(false);
    expect(wantsCsvOnly(req())).toBe(false);
  });
});
