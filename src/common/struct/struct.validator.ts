import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { ServiceStackProperty } from '../../compat/metadata/service-stack-names';
import { findIntegrationDataProblem, findStructProblem, StructProblem } from './struct-rules';

function structDecorator(name: string, serviceStackType: string, check: (value: unknown, path: string) => StructProblem | undefined) {
  return (options?: ValidationOptions) =>
    (target: object, propertyName: string): void => {
      ServiceStackProperty({ type: serviceStackType })(target, propertyName);
      const problems = new WeakMap<object, StructProblem>();
      registerDecorator({
        name,
        target: target.constructor,
        propertyName,
        options,
        validator: {
          validate(value: unknown, args: ValidationArguments) {
            const problem = check(value, args.property);
            if (problem) problems.set(args.object, problem);
            return problem === undefined;
          },
          defaultMessage(args: ValidationArguments) {
            const problem = problems.get(args.object);
            return problem ? `${args.property} is invalid at ${problem.path}: it ${problem.message}` : `${args.property} is invalid`;
          },
        },
      });
    };
}

/** A `Struct` (`data`, `flowParams`): bounded depth and size, one kind per Value, no reserved keys. */
export const IsStruct = structDecorator('isStruct', 'Struct', findStructProblem);

/** An `EntityIntegrationData` map: `{system: {thirdPartyId}}`. */
export const IsIntegrationData = structDecorator('isIntegrationData', 'EntityIntegrationData', findIntegrationDataProblem);
