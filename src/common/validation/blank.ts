import { ApiError } from '../errors/api-error';
import { fieldLabel } from './validation-errors';

/** Optional ids and texts arrive as undefined, null or "": all three mean "none". */
export const blankToNull = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/**
 * A required text, trimmed. `@IsNotEmpty()` lets "   " through; this is the one place that
 * refuses it, as the same NotEmpty error the DTO would give.
 */
export function requiredText(raw: string, field = 'name'): string {
  const text = raw.trim();
  if (!text) throw ApiError.field(field, 'NotEmpty', `'${fieldLabel(field)}' must not be empty.`);
  return text;
}
