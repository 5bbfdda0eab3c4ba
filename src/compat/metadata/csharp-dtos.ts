import { csharpTypeName, MetadataPropertyType, MetadataType, MetadataTypes } from './metadata-types';
import { givenOptions, optionsHeader } from './options-header';
import { basesFirst, optionIsTrue, optionList, selectByOptions } from './type-selection';

export const CSHARP_OPTIONS: [string, string][] = [
  ['GlobalNamespace', ''],
  ['MakePartial', 'True'],
  ['MakeVirtual', 'True'],
  ['AddReturnMarker', 'True'],
  ['AddDescriptionAsComments', 'True'],
  ['AddResponseStatus', 'False'],
  ['IncludeTypes', ''],
  ['ExcludeTypes', ''],
  ['AddNamespaces', ''],
];

const USINGS = [
  'System',
  'System.IO',
  'System.Collections',
  'System.Collections.Generic',
  'System.Runtime.Serialization',
  'ServiceStack',
  'ServiceStack.DataAnnotations',
];

const VERB_MARKERS: Record<string, string> = { GET: 'IGet', POST: 'IPost', PATCH: 'IPatch', DELETE: 'IDelete' };
const escape = (s: string): string => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
const typeHead = (t: MetadataType): string =>
  t.genericArgs?.length ? `${t.name.replace(/`\d+$/, '')}<${t.genericArgs.join(',')}>` : t.name;

/** C# DTOs as a ServiceStack server writes them (`/types/csharp`): namespaces by feature, `public virtual` properties. */
export function csharpDtos(meta: MetadataTypes, query: Record<string, unknown>, now?: Date): string {
  const given = givenOptions(query, CSHARP_OPTIONS);
  const virtual = optionIsTrue(given.MakeVirtual, true) ? 'virtual ' : '';
  const partial = optionIsTrue(given.MakePartial, true) ? 'partial ' : '';
  const comments = optionIsTrue(given.AddDescriptionAsComments, true);
  const returnMarker = optionIsTrue(given.AddReturnMarker, true);
  const responseStatus = optionIsTrue(given.AddResponseStatus, false);
  const { types, operations, responses } = selectByOptions(meta, given);
  // .NET's own types (System.DayOfWeek) are the client's already.
  const emitted = types.filter((t) => t.namespace !== 'System');

  const summary = (text: string | undefined, indent: string): string[] =>
    comments && text ? [`${indent}///<summary>`, `${indent}///${text}`, `${indent}///</summary>`] : [];
  const property = (p: MetadataPropertyType): string[] => [
    ...summary(p.description, '        '),
    ...(p.description ? [`        [ApiMember(Description="${escape(p.description)}")]`] : []),
    `        public ${virtual}${csharpTypeName(p)} ${p.name} { get; set; }`,
  ];

  const render = (t: MetadataType): string[] => {
    if (t.isEnum) return [`    public enum ${t.name}`, '    {', ...(t.enumNames ?? []).map((n) => `        ${n},`), '    }', ''];
    const op = operations.get(t.name);
    const bases: string[] = [];
    if (t.inherits) bases.push(csharpTypeName({ type: t.inherits.name, genericArgs: t.inherits.genericArgs }));
    if (t.dictionaryOf) bases.push(`Dictionary<string, ${t.dictionaryOf}>`);
    if (op && returnMarker)
      bases.push(
        op.returnsVoid ? 'IReturnVoid' : `IReturn<${csharpTypeName({ type: op.response!.name, genericArgs: op.response!.genericArgs })}>`,
      );
    if (op) bases.push(VERB_MARKERS[op.method]);
    const lines = [...summary(t.description, '    ')];
    for (const route of op?.routes ?? []) lines.push(`    [Route("${route.path}", "${route.verbs}")]`);
    if (op?.requiresAnyRole.length) lines.push(`    [RequiresAnyRole(${op.requiresAnyRole.map((r) => `"${r}"`).join(', ')})]`);
    else if (op?.requiresAuth) lines.push('    [Authenticate]');
    if (op && t.description) lines.push(`    [Api(Description="${escape(t.description)}")]`);
    lines.push(`    public ${partial}class ${typeHead(t)}`);
    if (bases.length) lines.push(`        : ${bases.join(', ')}`);
    lines.push('    {');
    for (const p of t.properties ?? []) lines.push(...property(p), '');
    if (responseStatus && responses.has(t.name)) lines.push(`        public ${virtual}ResponseStatus ResponseStatus { get; set; }`, '');
    if (lines[lines.length - 1] === '') lines.pop();
    lines.push('    }', '');
    return lines;
  };

  const namespaces = [...new Set(emitted.map((t) => t.namespace))].sort();
  const extra = optionList(given.AddNamespaces) ?? [];
  const out = [
    optionsHeader(meta.config.baseUrl, CSHARP_OPTIONS, given, now),
    ...[...USINGS, ...namespaces, ...extra].map((u) => `using ${u};`),
    '',
  ];
  for (const ns of namespaces) {
    out.push(`namespace ${ns}`, '{', ...basesFirst(emitted.filter((t) => t.namespace === ns)).flatMap(render));
    if (out[out.length - 1] === '') out.pop();
    out.push('}', '');
  }
  return out.join('\n');
}
