import { registerServiceStackEnum } from '../compat/metadata/service-stack-names';

export enum TagColor {
  Magenta = 'Magenta',
  Red = 'Red',
  Volcano = 'Volcano',
  Orange = 'Orange',
  Gold = 'Gold',
  Lime = 'Lime',
  Green = 'Green',
  Cyan = 'Cyan',
  Blue = 'Blue',
  GeekBlue = 'GeekBlue',
  Purple = 'Purple',
}

registerServiceStackEnum(TagColor, { name: 'TagColors', namespace: 'Voice.Api.Settings' });
