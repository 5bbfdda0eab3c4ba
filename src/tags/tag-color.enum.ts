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
