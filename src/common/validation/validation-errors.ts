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
  unknownValue: 'InvalidType',
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

/**
 * Which failure to report when a field breaks several rules: the most basic one. A missing name
 * is "must not be empty", not also "too long" and "not a string".
 */
const PRIORITY = [
  'whitelistValidation',
  'isDefined',
  'isNotEmpty',
  'isString',
  'isBoolean',
  'isInt',
  'isNumber',
  'isArray',
  'isObject',
  'isEnum',
  'isIn',
];
const rank = (constraint: string): number => {
  const i = PRIORITY.indexOf(constraint);
  return i < 0 ? PRIORITY.length : i;
};

/** One entry per failing field (contract §1), at its JSON path. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    // class-validator names no property when the value as a whole is refused (an unknown value).
    const path = joinPath(parent, error.property ?? '');
    const label = fieldLabel(path);
    const [constraint, message] = Object.entries(error.constraints ?? {}).sort(([a], [b]) => rank(a) - rank(b))[0] ?? [];
    if (constraint) {
      const text = !path
        ? `The request is invalid: ${message}.`
        : constraint === 'isNotEmpty' || constraint === 'isDefined'
          ? `'${label}' must not be empty.`
          : rephrase(error.property, label, message);
      out.push({ errorCode: CODES[constraint] ?? constraint, fieldName: path, message: text });
    } else if (error.children?.length) {
      out.push(...flattenValidationErrors(error.children, path));
    }
  }
  return out;
}
