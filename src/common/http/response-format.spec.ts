import type { IncomingMessage } from 'node:http';
import { negotiateFormat, rememberFormat, wantsCsvOnly } from './response-format';

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

  it('sends CSV errors only to clients that accept nothing but CSV', () => {
    expect(wantsCsvOnly(req('text/csv'))).toBe(true);
    expect(wantsCsvOnly(req('text/csv, application/json'))).toBe(false);
    expect(wantsCsvOnly(req())).toBe(false);
  });
});
