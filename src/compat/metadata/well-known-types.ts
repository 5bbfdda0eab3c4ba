import { MetadataType } from './metadata-types';

/**
 * The platform's free-form types, which have no DTO class here: our `Struct` is a TypeScript type
 * checked by a validator, our integration data a plain map. Their shapes are the platform's.
 */
export const WELL_KNOWN_TYPES: Record<string, MetadataType> = {
  Struct: { name: 'Struct', namespace: 'Voice.Api.Flows.Data', dictionaryOf: 'Value', properties: [] },
  Value: {
    name: 'Value',
    namespace: 'Voice.Api.Flows.Data',
    properties: [
      { name: 'BoolValue', type: 'Nullable`1', genericArgs: ['Boolean'] },
      { name: 'StringValue', type: 'String' },
      { name: 'NumberValue', type: 'Nullable`1', genericArgs: ['Double'] },
      { name: 'ListValue', type: 'List`1', genericArgs: ['Struct'] },
      { name: 'StructValue', type: 'Struct', namespace: 'Voice.Api.Flows.Data' },
    ],
  },
  EntityIntegrationData: {
    name: 'EntityIntegrationData',
    namespace: 'Voice.Api.Integrations',
    dictionaryOf: 'IntegrationData',
    properties: [],
  },
  IntegrationData: { name: 'IntegrationData', namespace: 'Voice.Api.Integrations', properties: [{ name: 'ThirdPartyId', type: 'String' }] },
};
