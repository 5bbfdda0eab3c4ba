import type { ValidationError } from 'class-validator';
import { fieldLabel, flattenValidationErrors, joinPath } from './validation-errors';

const error = (property: string, constraints?: Record<string, string>, children: ValidationError[] = []): ValidationError => ({
  property,
  constraints,
  children,
});

describe('validation errors in ServiceStack shape', () => {
  it('builds JSON paths and labels', () => {
    expect(joinPath('schedule.rules', '0')).toBe('schedule.rules[0]');
    expect(joinPath('', 'name')).toBe('name');
    expect(fieldLabel('schedule.rules[0].byHour[2]')).toBe('ByHour');
  });

  it('reports one entry per field, the most basic failure first', () => {
    const out = flattenValidationErrors([
      error('name', {
        maxLength: 'name must be shorter than or equal to 200 characters',
        isNotEmpty: 'name should not be empty',
        isString: 'name must be a string',
      }),
      error('referenceId', { maxLength: 'referenceId must be shorter than or equal to 200 characters' }),
    ]);
    expect(out).toEqual([
      { errorCode: 'NotEmpty', fieldName: 'name', message: "'Name' must not be empty." },
      { errorCode: 'MaximumLength', fieldName: 'referenceId', message: "'ReferenceId' must be shorter than or equal to 200 characters." },
    ]);
  });

  it('walks nested errors to their paths', () => {
    const out = flattenValidationErrors([
      error('schedule', undefined, [
        error('rules', undefined, [
          error('0', undefined, [error('frequency', { isEnum: 'frequency must be one of the following values: None, Daily' })]),
        ]),
      ]),
    ]);
    expect(out).toEqual([
      {
        errorCode: 'Enum',
        fieldName: 'schedule.rules[0].frequency',
        message: "'Frequency' must be one of the following values: None, Daily.",
      },
    ]);
  });

  it('names unknown properties', () => {
    expect(flattenValidationErrors([error('isAdmin', { whitelistValidation: 'property isAdmin should not exist' })])).toEqual([
      { errorCode: 'NotAllowed', fieldName: 'isAdmin', message: "'IsAdmin' is not a known property." },
    ]);
  });

  it('reports a value refused as a whole (no property named) instead of failing itself', () => {
    const whole = {
      property: undefined,
      constraints: { unknownValue: 'an unknown value was passed to the validate function' },
    } as unknown as ValidationError;
    expect(flattenValidationErrors([whole])).toEqual([
      { errorCode: 'InvalidType', fieldName: '', message: 'The request is invalid: an unknown value was passed to the validate function.' },
    ]);
  });
});
