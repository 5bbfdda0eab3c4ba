import { TagColor } from '../tag-color.enum';

export class TagInfo {
  id: string;
  name: string;
  color: TagColor;
}
