import { ServiceStackType } from '../../compat/metadata/service-stack-names';
import { TagColor } from '../tag-color.enum';

/** A tag as customers carry it and tag operations return it (ServiceStack's `Tag`). */
@ServiceStackType({ name: 'Tag', namespace: 'Voice.Api.Settings' })
export class TagInfo {
  id: string;
  name: string;
  color: TagColor;
}
