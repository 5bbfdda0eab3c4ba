import { camelCase } from './dto-type-reader';
import { csharpDtos } from './csharp-dtos';
import { MetadataOperationType, MetadataTypes } from './metadata-types';
import { allTypes } from './type-selection';

/** Placeholder values by type, as ServiceStack's sample pages show them. */
export function sampleOf(meta: MetadataTypes, typeName: string, genericArgs: string[] = [], seen: string[] = []): unknown {
  switch (typeName) {
    case 'String':
    case 'DateTime':
      return 'String';
    case 'Boolean':
      return false;
    case 'Int32':
    case 'Double':
      return 0;
    case 'Object':
      return {};
  }
  if (typeName === 'List`1') return [sampleOf(meta, genericArgs[0], [], seen)];
  if (typeName === 'Nullable`1') return sampleOf(meta, genericArgs[0], [], seen);
  const types = allTypes(meta);
  const type = types.get(typeName) ?? types.get(`${typeName.replace(/`\d+$/, '')}\`${genericArgs.length}`);
  if (!type || seen.includes(type.name)) return undefined;
  if (type.isEnum) return type.enumNames?.[0];
  const inner = [...seen, type.name];
  if (type.dictionaryOf) return type.dictionaryOf === 'Value' ? undefined : { String: sampleOf(meta, type.dictionaryOf, [], inner) };
  const bind = (t: string): string => {
    const i = type.genericArgs?.indexOf(t) ?? -1;
    return i >= 0 ? genericArgs[i] : t;
  };
  const out: Record<string, unknown> = {};
  for (const p of type.properties ?? []) {
    const value = sampleOf(meta, bind(p.type), (p.genericArgs ?? []).map(bind), inner);
    if (value !== undefined) out[camelCase(p.name)] = value;
  }
  // A base type's properties come after the type's own, as ServiceStack serializes them.
  if (type.inherits) Object.assign(out, sampleOf(meta, type.inherits.name, type.inherits.genericArgs, inner));
  return out;
}

const html = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const page = (title: string, body: string): string =>
  `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${html(title)}</title>` +
  '<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}pre{background:#f6f8fa;padding:1em;overflow:auto}' +
  'table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}</style></head>' +
  `<body>\n${body}\n</body></html>\n`;

export type MetadataFormat = 'json' | 'csv';
const CONTENT_TYPES: Record<MetadataFormat, string> = { json: 'application/json', csv: 'text/csv' };

/** `/metadata`: every operation with its routes and formats. */
export function metadataIndexPage(meta: MetadataTypes): string {
  const rows = [...meta.operations]
    .sort((a, b) => a.request.name.localeCompare(b.request.name))
    .map((op) => {
      const formats = (['json', 'csv'] as const)
        .map((f) => `<a href="/${f}/metadata?op=${op.request.name}">${f.toUpperCase()}</a>`)
        .join(' ');
      const routes = op.routes.map((r) => `${r.verbs} ${html(r.path)}`).join('<br>');
      return `<tr><th>${op.request.name}</th><td>${routes}</td><td>${formats}</td><td>${html(op.request.description ?? '')}</td></tr>`;
    });
  return page(
    'Voice API metadata',
    '<h1>Voice API</h1>\n<p>The following operations are supported. Every operation is also reachable at ' +
      '<code>/api/{Operation}</code>, <code>/json/reply/{Operation}</code> and <code>/csv/reply/{Operation}</code>.</p>\n' +
      '<p>Typed DTOs: <a href="/types/typescript">TypeScript</a>, <a href="/types/csharp">C#</a>, <a href="/types/metadata">metadata (JSON)</a>.</p>\n' +
      `<table><tr><th>Operation</th><th>Routes</th><th>Formats</th><th>Description</th></tr>\n${rows.join('\n')}\n</table>`,
  );
}

/** `/json/metadata?op=NewCustomer`: roles, routes, the C# DTOs and a sample request and response. */
export function operationPage(meta: MetadataTypes, op: MetadataOperationType, format: MetadataFormat, host: string): string {
  const name = op.request.name;
  const contentType = CONTENT_TYPES[format];
  const roles = op.requiresAnyRole.length
    ? `<p>Requires any of the roles: <b>${op.requiresAnyRole.join(', ')}</b></p>`
    : op.requiresAuth
      ? '<p>Requires Authentication</p>'
      : '';
  const routes = op.routes.map((r) => `<tr><td>${r.verbs}</td><td>${html(r.path)}</td></tr>`).join('');
  const dtos = csharpDtos(meta, { IncludeTypes: `${name}.*` }).replace(/^\/\* Options:[\s\S]*?\*\/\n/, '');
  const route = op.routes[0];
  const request = JSON.stringify(sampleOf(meta, name));
  const response = op.response ? JSON.stringify(sampleOf(meta, op.response.name, op.response.genericArgs)) : '';
  const hasBody = op.method === 'POST' || op.method === 'PATCH';
  const sampleRequest = [
    `${route.verbs} ${route.path} HTTP/1.1`,
    `Host: ${host}`,
    `Accept: ${contentType}`,
    ...(hasBody ? [`Content-Type: ${contentType}`, 'Content-Length: length', '', request] : []),
  ].join('\n');
  const sampleResponse = ['HTTP/1.1 200 OK', `Content-Type: ${contentType}`, 'Content-Length: length', '', response].join('\n');
  return page(
    `${name} | Voice API`,
    `<h1>${name}</h1>\n${op.request.description ? `<p>${html(op.request.description)}</p>\n` : ''}${roles}\n` +
      `<table>${routes}</table>\n<pre>${html(dtos)}</pre>\n` +
      `<p>To override the Content-type in your clients, use the HTTP Accept Header, append the .${format} suffix or ?format=${format}</p>\n` +
      '<p>The following are sample HTTP requests and responses. The placeholders shown need to be replaced with actual values.</p>\n' +
      `<pre>${html(sampleRequest)}</pre>\n<pre>${html(sampleResponse)}</pre>`,
  );
}
