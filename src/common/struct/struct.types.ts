/** Protobuf-like free-form data (Voice.Api.Flows.Data.Struct): a map of named Values. */
export type Struct = { [key: string]: StructValue };

/** Exactly one of the five kinds is set. */
export interface StructValue {
  boolValue?: boolean;
  stringValue?: string;
  numberValue?: number;
  listValue?: Struct[];
  structValue?: Struct;
}

export type IntegrationDataMap = { [system: string]: { thirdPartyId: string | null } };
