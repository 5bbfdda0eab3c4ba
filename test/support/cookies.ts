/** The cookies a response set, as a `Cookie` request header sends them back. */
export const cookiesOf = (res: { headers: Headers }): string =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
