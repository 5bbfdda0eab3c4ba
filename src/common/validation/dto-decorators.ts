import { Type } from 'class-transformer';
import { ArrayMaxSize, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsOmittable } from './optional.decorators';
import { QueryArray } from './query-transforms';

type Decorator = (target: object, key: string) => void;

const compose =
  (...decorators: PropertyDecorator[]): Decorator =>
  (target, key) => {
    for (const d of decorators) d(target, key);
  };

/** An optional list of ids in a query string: comma-joined or repeated, capped. */
export const QueryIdList = (max = 100): Decorator =>
  compose(IsOptional(), QueryArray(), ArrayMaxSize(max), IsString({ each: true }), MaxLength(36, { each: true }));

/** An optional nested DTO: validated recursively, never null. */
export const NestedDto = (type: () => new () => object): Decorator => compose(IsOmittable(), IsObject(), ValidateNested(), Type(type));

/** An optional nested DTO where null means "clear it". */
export const NullableNestedDto = (type: () => new () => object): Decorator =>
  compose(IsOptional(), IsObject(), ValidateNested(), Type(type));
