import { Injectable, OnModuleInit } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { IS_PUBLIC_KEY, ROLES_KEY } from '../common/auth/auth.decorators';
import { DtoClass, OperationDescriptor } from './metadata/operation-descriptor';
import { OPERATION, OperationMetadata, predefinedPaths } from './operation.decorator';

const VERB_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

type Handler = (...args: unknown[]) => unknown;

/**
 * Every operation, found at start on the controller methods that declare it (@Operation): the one
 * source of the 405 answers, of the OpenAPI's description of the predefined routes and of
 * ServiceStack's metadata (typed DTOs, metadata pages).
 */
@Injectable()
export class OperationRegistry implements OnModuleInit {
  private patterns: { method: string; pattern: RegExp }[] = [];
  private byRoute = new Map<string, string>();
  private found?: OperationDescriptor[];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    this.descriptors();
  }

  /** Every operation declaration, in the order the controllers declare them; found on first use (OpenAPI is set up before init). */
  descriptors(): OperationDescriptor[] {
    if (!this.found) this.discover();
    return this.found!;
  }

  private discover(): void {
    this.found = this.discovery.getControllers().flatMap((wrapper) => {
      const controller = wrapper.metatype as DtoClass | undefined;
      const prototype = controller?.prototype as Record<string, Handler> | undefined;
      if (!controller || !prototype) return [];
      return Object.getOwnPropertyNames(prototype).flatMap((key) => {
        const op = this.reflector.get<OperationMetadata | undefined>(OPERATION, prototype[key]);
        return op ? [this.describe(op, controller, key)] : [];
      });
    });
    for (const op of this.found)
      for (const path of [op.path, ...predefinedPaths(op.name)]) this.byRoute.set(`${op.method} /${path}`, op.name);
    this.patterns = this.found.map((op) => ({
      method: op.method,
      pattern: new RegExp(`^/${op.path.replace(/:\w+/g, '[^/]+')}$`),
    }));
  }

  /** The operation a matched route belongs to (`GET /customers/:customerId` → GetCustomer). */
  operationAt(method: string, route: string): string | undefined {
    this.descriptors();
    return this.byRoute.get(`${method} ${route}`);
  }

  /** The verbs a known route takes (for a 405 with Allow), or none when no operation has that path. */
  allowedMethods(path: string): string[] {
    const bare = path.split('?')[0];
    this.descriptors();
    const verbs = new Set(this.patterns.filter((r) => r.pattern.test(bare)).map((r) => r.method));
    return VERB_ORDER.filter((v) => verbs.has(v));
  }

  private describe(op: OperationMetadata, controller: DtoClass, key: string): OperationDescriptor {
    const handler = (controller.prototype as Record<string, Handler>)[key];
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, key) ?? {}) as Record<string, { index: number }>;
    const paramTypes = (Reflect.getMetadata('design:paramtypes', controller.prototype as object, key) ?? []) as DtoClass[];
    const argOf = (type: RouteParamtypes): DtoClass | undefined => {
      const entry = Object.entries(args).find(([k]) => k.split(':')[0] === String(type));
      return entry ? paramTypes[entry[1].index] : undefined;
    };
    const swaggerResponse = (Reflect.getMetadata('swagger/apiResponse', handler) ?? {}) as Record<string, { type?: unknown }>;
    const responseType = swaggerResponse['200']?.type;
    const resolved =
      typeof responseType === 'function' && !(responseType as { prototype?: unknown }).prototype
        ? (responseType as () => unknown)()
        : responseType;
    return {
      name: op.name,
      operationId: op.operationId,
      example: op.example,
      method: op.method,
      path: op.path,
      summary: (Reflect.getMetadata('swagger/apiOperation', handler) as { summary?: string } | undefined)?.summary,
      roles: this.reflector.getAllAndOverride<string[] | undefined>(ROLES_KEY, [handler, controller]) ?? [],
      isPublic: this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, [handler, controller]) ?? false,
      feature: ((Reflect.getMetadata('swagger/apiUseTags', controller) ?? []) as string[])[0] ?? 'Api',
      body: argOf(RouteParamtypes.BODY),
      query: argOf(RouteParamtypes.QUERY),
      response: typeof resolved === 'function' && resolved !== Object ? (resolved as DtoClass) : undefined,
    };
  }
}
