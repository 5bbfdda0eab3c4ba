import { MetadataOperationType, MetadataPropertyType, MetadataType, MetadataTypes } from './metadata-types';
import { camelCase } from './dto-type-reader';
import { givenOptions, optionsHeader } from './options-header';
import { basesFirst, optionIsTrue, optionList, selectByOptions } from './type-selection';

export const TYPESCRIPT_OPTIONS: [string, string][] = [
  ['GlobalNamespace', ''],
  // True (ServiceStack's default is False) so the file compiles under `tsc --strict`.
  ['MakePropertiesOptional', 'True'],
  ['AddServiceStackTypes', 'True'],
  ['AddResponseStatus', 'False'],
  ['AddImplicitVersion', ''],
  ['AddDescriptionAsComments', 'True'],
  ['IncludeTypes', ''],
  ['ExcludeTypes', ''],
  ['DefaultImports', ''],
];

const SERVICESTACK_TYPES = `export interface IReturn<T>
{
    createResponse(): T;
}

export interface IReturnVoid
{
    createResponse(): void;
}

export interface IGet {}
export interface IPost {}
export interface IPatch {}
export interface IDelete {}

export class ResponseError
{
    public errorCode?: string;
    public fieldName?: string;
    public message?: string;
    public meta?: { [index: string]: string; };

    public constructor(init?: Partial<ResponseError>) { (Object as any).assign(this, init); }
}

export class ResponseStatus
{
    public errorCode?: string;
    public message?: string;
    public stackTrace?: string;
    public errors?: ResponseError[];
    public meta?: { [index: string]: string; };

    public constructor(init?: Partial<ResponseStatus>) { (Object as any).assign(this, init); }
}
`;

const VERB_MARKERS: Record<string, string> = { GET: 'IGet', POST: 'IPost', PATCH: 'IPatch', DELETE: 'IDelete' };

function tsType(t: { type: string; genericArgs?: string[] }): string {
  const args = t.genericArgs ?? [];
  switch (t.type) {
    case 'String':
    case 'DateTime':
      return 'string';
    case 'Boolean':
      return 'boolean';
    case 'Int32':
    case 'Double':
      return 'number';
    case 'Object':
      return 'any';
    case 'List`1':
      return `${tsType({ type: args[0] })}[]`;
    case 'Nullable`1':
      return tsType({ type: args[0] });
    default:
      return args.length ? `${t.type.replace(/`\d+$/, '')}<${args.map((a) => tsType({ type: a })).join(', ')}>` : t.type;
  }
}

const typeHead = (t: MetadataType): string =>
  t.genericArgs?.length ? `${t.name.replace(/`\d+$/, '')}<${t.genericArgs.join(', ')}>` : t.name;
const quote = (s: string): string => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/'/g, "\\'");
/** An enum member: an identifier as it is, anything else as a string literal name. */
const memberName = (name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${quote(name)}'`);

/** ServiceStack's TypeScript DTOs (`/types/typescript`), from the same metadata as `/types/metadata`. */
export function typescriptDtos(meta: MetadataTypes, query: Record<string, unknown>, now?: Date): string {
  const given = givenOptions(query, TYPESCRIPT_OPTIONS);
  const optional = optionIsTrue(given.MakePropertiesOptional, true);
  const comments = optionIsTrue(given.AddDescriptionAsComments, true);
  const responseStatus = optionIsTrue(given.AddResponseStatus, false);
  const { types, operations, responses } = selectByOptions(meta, given);

  const property = (p: MetadataPropertyType): string[] => [
    ...(comments && p.description
      ? [`    /** @description ${p.description} */`, `    // @ApiMember(Description="${quote(p.description)}")`]
      : []),
    `    public ${camelCase(p.name)}${optional ? '?' : ''}: ${tsType(p)};`,
    '',
  ];

  const render = (t: MetadataType): string => {
    if (t.isEnum)
      return `export enum ${t.name}\n{\n${(t.enumNames ?? []).map((n) => `    ${memberName(n)} = '${quote(n)}',`).join('\n')}\n}\n`;
    const op = operations.get(t.name);
    const head = typeHead(t);
    const base = t.inherits ? ` extends ${tsType({ type: t.inherits.name, genericArgs: t.inherits.genericArgs })}` : '';
    const marks = op
      ? [
          op.returnsVoid ? 'IReturnVoid' : `IReturn<${tsType({ type: op.response!.name, genericArgs: op.response!.genericArgs })}>`,
          VERB_MARKERS[op.method],
        ]
      : [];
    const lines: string[] = [];
    const description = t.description ?? op?.request.description;
    if (comments && description) lines.push(`/** @description ${description} */`);
    for (const route of op?.routes ?? []) lines.push(`// @Route("${route.path}", "${route.verbs}")`);
    if (description && op) lines.push(`// @Api(Description="${quote(description)}")`);
    lines.push(`export class ${head}${base}${marks.length ? ` implements ${marks.join(', ')}` : ''}`, '{');
    if (t.dictionaryOf) lines.push(`    [key: string]: ${tsType({ type: t.dictionaryOf })};`, '');
    for (const p of t.properties ?? []) lines.push(...property(p));
    if (responseStatus && responses.has(t.name)) lines.push('    public responseStatus?: ResponseStatus;', '');
    const assign = '(Object as any).assign(this, init);';
    lines.push(`    public constructor(init?: Partial<${head}>) { ${t.inherits ? `super(init); ${assign}` : assign} }`);
    if (op) lines.push(...requestMethods(op));
    lines.push('}', '');
    return lines.join('\n');
  };

  const imports = (optionList(given.DefaultImports) ?? []).map((entry) => {
    const [names, from] = entry.split(':');
    return `import { ${names.split(';').join(', ')} } from '${from}';`;
  });
  const addServiceStackTypes = optionIsTrue(given.AddServiceStackTypes, true);
  return [
    optionsHeader(meta.config.baseUrl, TYPESCRIPT_OPTIONS, given, now),
    ...(imports.length ? [imports.join('\n'), ''] : []),
    ...(addServiceStackTypes ? [SERVICESTACK_TYPES] : []),
    ...basesFirst(types).map(render),
  ].join('\n');
}

function requestMethods(op: MetadataOperationType): string[] {
  const response = op.response
    ? `return new ${op.response.name.replace(/`\d+$/, '')}${op.response.genericArgs?.length ? `<${op.response.genericArgs.map((a) => tsType({ type: a })).join(', ')}>` : ''}();`
    : '';
  return [
    `    public getTypeName() { return '${op.request.name}'; }`,
    `    public getMethod() { return '${op.method}'; }`,
    `    public createResponse() { ${response} }`,
  ];
}
