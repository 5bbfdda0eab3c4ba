import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { OPERATION, OperationMetadata } from './operation.decorator';

const VERB_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Every operation, found at start on the controller methods that declare it (@Operation): the one
 * source of the 405 answers and of the OpenAPI's description of the predefined routes.
 */
@Injectable()
export class OperationRegistry implements OnModuleInit {
  private patterns: { method: string; pattern: RegExp }[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const operations = this.discovery
      .getControllers()
      .flatMap((wrapper) => {
        const prototype = (wrapper.metatype as { prototype?: object } | undefined)?.prototype;
        if (!prototype) return [];
        return Object.getOwnPropertyNames(prototype).map((key) =>
          this.reflector.get<OperationMetadata | undefined>(OPERATION, (prototype as Record<string, () => unknown>)[key]),
        );
      })
      .filter((op): op is OperationMetadata => op !== undefined);
    this.patterns = operations.map((op) => ({
      method: op.method,
      pattern: new RegExp(`^/${op.path.replace(/:\w+/g, '[^/]+')}$`),
    }));
  }

  /** The verbs a known route takes (for a 405 with Allow), or none when no operation has that path. */
  allowedMethods(path: string): string[] {
    const bare = path.split('?')[0];
    const verbs = new Set(this.patterns.filter((r) => r.pattern.test(bare)).map((r) => r.method));
    return VERB_ORDER.filter((v) => verbs.has(v));
  }
}
