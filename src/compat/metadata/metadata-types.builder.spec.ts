import 'reflect-metadata';
import { IsInt } from 'class-validator';
import { csharpDtos } from './csharp-dtos';
import { metadataIndexPage, operationPage, sampleOf } from './metadata-pages';
import { buildMetadataTypes } from './metadata-types.builder';
import { OperationDescriptor } from './operation-descriptor';
import { ServiceStackType } from './service-stack-names';
import { baseUrlOf } from './options-header';
import { typescriptDtos } from './typescript-dtos';

/*
 * A throwaway operation, declared as a controller method and its DTO classes declare one: the
 * `_OPENAPI_METADATA_FACTORY` below is what the Swagger CLI plugin writes from the TypeScript types
 * and JSDoc of a DTO (the unit tier compiles without the plugin, so it is spelled out here).
 */
@ServiceStackType({ namespace: 'Voice.Api.Widgets' })
class WidgetInfo {
  id: string;
  static _OPENAPI_METADATA_FACTORY() {
    return { id: { required: true, type: () => String, description: 'The widget' } };
  }
}

class NewWidgetDto {
  /** How many sprockets */
  @IsInt()
  sprockets?: number;
  static _OPENAPI_METADATA_FACTORY() {
    return { sprockets: { required: false, type: () => Number, description: 'How many sprockets' } };
  }
}

const newWidget: OperationDescriptor = {
  name: 'NewWidget',
  operationId: 'NewWidget',
  method: 'POST',
  path: 'widgets/:groupId',
  summary: 'Makes a widget (NewWidget)',
  roles: ['SystemAdministrator', 'Manager'],
  isPublic: false,
  feature: 'Widgets',
  body: NewWidgetDto,
  response: WidgetInfo,
};

describe('ServiceStack metadata from one declaration', () => {
  const meta = buildMetadataTypes([newWidget], 'https://voice.test');

  it('lists the operation with its route, verb, roles, request and response', () => {
    const [op] = meta.operations;
    expect(op).toMatchObject({
      request: { name: 'NewWidget', namespace: 'Voice.Api.Widgets', description: 'Makes a widget' },
      response: { name: 'WidgetInfo', namespace: 'Voice.Api.Widgets' },
      routes: [{ path: '/widgets/{groupId}', verbs: 'POST' }],
      requiresAnyRole: ['SystemAdministrator', 'Manager'],
      returnsVoid: false,
    });
    expect(op.request.properties).toEqual([
      { name: 'GroupId', type: 'String', isRequired: true },
      { name: 'Sprockets', type: 'Int32', isValueType: true, description: 'How many sprockets' },
    ]);
  });

  it('writes the TypeScript DTOs', () => {
    const ts = typescriptDtos(meta, {});
    expect(ts).toContain('BaseUrl: https://voice.test');
    expect(ts).toContain('// @Route("/widgets/{groupId}", "POST")');
    expect(ts).toContain('export class NewWidget implements IReturn<WidgetInfo>, IPost');
    expect(ts).toContain(
      '    /** @description How many sprockets */\n    // @ApiMember(Description="How many sprockets")\n    public sprockets?: number;',
    );
    expect(ts).toContain("public getTypeName() { return 'NewWidget'; }");
    expect(ts).toContain('public createResponse() { return new WidgetInfo(); }');
    const filtered = typescriptDtos(meta, { IncludeTypes: 'WidgetInfo', AddServiceStackTypes: 'False' });
    expect(filtered).toContain('IncludeTypes: WidgetInfo\n');
    expect(filtered).not.toContain('class NewWidget');
    expect(filtered).not.toContain('interface IReturn<T>');
  });

  it('writes the C# DTOs', () => {
    const cs = csharpDtos(meta, {});
    expect(cs).toContain('namespace Voice.Api.Widgets');
    expect(cs).toContain('    [Route("/widgets/{groupId}", "POST")]\n    [RequiresAnyRole("SystemAdministrator", "Manager")]');
    expect(cs).toContain('    public partial class NewWidget\n        : IReturn<WidgetInfo>, IPost');
    expect(cs).toContain('        [ApiMember(Description="How many sprockets")]\n        public virtual int Sprockets { get; set; }');
  });

  it('shows the operation on the metadata pages, with samples by type', () => {
    expect(metadataIndexPage(meta)).toContain('<a href="/json/metadata?op=NewWidget">JSON</a>');
    const page = operationPage(meta, meta.operations[0], 'json', 'voice.test');
    expect(page).toContain('Requires any of the roles: <b>SystemAdministrator, Manager</b>');
    expect(page).toContain('POST /widgets/{groupId} HTTP/1.1');
    expect(page).toContain('{"groupId":"String","sprockets":0}');
    expect(sampleOf(meta, 'WidgetInfo')).toEqual({ id: 'String' });
  });

  it('never lets a query string or a Host header write code into a generated file', () => {
    const ts = typescriptDtos(meta, { IncludeTypes: 'WidgetInfo */ alert(1); /*\nExcludeTypes: x', ExcludeTypes: ['a', 'b'] });
    const header = ts.slice(0, ts.indexOf('*/') + 2);
    expect(header).toContain('IncludeTypes: WidgetInfo  alert(1); /*ExcludeTypes: x\n');
    expect(ts.indexOf('*/')).toBe(ts.lastIndexOf('*/', ts.indexOf('export')));
    expect(header).toContain('//ExcludeTypes: \n');
    expect(baseUrlOf('http', 'api.example.com:8080')).toBe('http://api.example.com:8080');
    expect(baseUrlOf('https', '[::1]:3000')).toBe('https://[::1]:3000');
    expect(baseUrlOf('http', 'evil*/ code')).toBe('http://localhost');
    expect(baseUrlOf('javascript', undefined)).toBe('http://localhost');
  });
});
