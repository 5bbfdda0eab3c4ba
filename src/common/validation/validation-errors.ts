import { ValidationError } from 'class-validator';
import { FieldError } from '../errors/field-error';

/** class-validator constraint names mapped to the FluentValidation codes ServiceStack clients know. */
const CODES: Record<string, string> = {
  isNotEmpty: 'NotEmpty',
  isDefined: 'NotNull',
  maxLength: 'MaximumLength',
  minLength: 'MinimumLength',
  isLength: 'Length',
  max: 'LessThanOrEqual',
  min: 'GreaterThanOrEqual',
  isEnum: 'Enum',
  isEmail: 'Email',
  isIn: 'Enum',
  whitelistValidation: 'NotAllowed',
  arrayMaxSize: 'MaximumLength',
  isString: 'InvalidType',
  isBoolean: 'InvalidType',
  isNumber: 'InvalidType',
  isInt: 'InvalidType',
  isArray: 'InvalidType',
  isObject: 'InvalidType',
  nestedValidation: 'InvalidType',
};

/** `schedule.rules[0].byHour` style paths. */
export function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

/** The label ServiceStack puts in quotes: the last segment, PascalCased, without indexes. */
export function fieldLabel(path: string): string {
  const last =
    path
      .replace(/\[\d+\]/g, '')
      .split('.')
      .pop() ?? path;
  return last.charAt(0).toUpperCase() + last.slice(1);
}

function rephrase(property: string, label: string, message: string): string {
  const prefix = `${property} `;
  let text = message.startsWith(prefix) ? message.slice(prefix.length) : message;
  if (text.startsWith('property ') && text.endsWith('should not exist')) text = 'is not a known property';
  text = text.replace(/^each value in \S+ /, 'each value ');
  return `'${label}' ${text}${text.endsWith('.') ? '' : '.'}`;
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const path = joinPath(parent, error.property);
    const label = fieldLabel(path);
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      out.push({ errorCode: CODES[constraint] ?? constraint, fieldName: path, message: rephrase(error.property, label, message) });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}
