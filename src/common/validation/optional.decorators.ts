import { ValidateIf } from 'class-validator';

/**
 * May be left out, but not sent as null. class-validator's @IsOptional also lets null through,
 * which would then reach the database as "clear this".
 */
export const IsOmittable = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);
