import { Injectable } from '@nestjs/common';
import { OperationRegistry } from '../operations';
import { buildMetadataTypes } from './metadata-types.builder';
import { MetadataTypes } from './metadata-types';

/** ServiceStack's metadata of this API, built once from the operation declarations and their DTO classes. */
@Injectable()
export class ServiceStackMetadataService {
  private built?: MetadataTypes;

  constructor(private readonly registry: OperationRegistry) {}

  /** The same types for every caller; only the base URL is the caller's. */
  metadata(baseUrl: string): MetadataTypes {
    this.built ??= buildMetadataTypes(this.registry.descriptors(), '');
    return { ...this.built, config: { baseUrl } };
  }
}
