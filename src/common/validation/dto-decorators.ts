import { Type } from 'class-transformer';
import { ArrayMaxSize, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsOmittable } from './optional.decorators';
import { QueryArray } from './query-transforms';

type Decorator = (target: object, key: string) => void;

const compose =
  (...decorators: PropertyDecorator[]): Decorator =>
  (target, key) => {
    for (const d of decorators) d(target, key);
  };

/**
 * Ids are the lowercase UUIDs the API hands out. Checking the form at the edge makes an id match
 * only itself on every database (MySQL's default collation would match `ID  ` and `id` alike).
 */
export const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ID_OR_EMPTY = new RegExp(`^$|${ID_PATTERN.source}`);

/** An id (or "" where the DTO gives "" a meaning), as the API returns ids. */
export const IsId = (options: { each?: boolean } = {}): Decorator =>
  compose(
    IsString(options),
    MaxLength(36, options),
    Matches(ID_OR_EMPTY, {
      ...options,
      message: ({ property }) => `'${property}' must be an id as the API returns them (a lowercase UUID).`,
    }),
  );

/** An optional list of ids in a query string: comma-joined or repeated, capped. */
export const QueryIdList = (max = 100): Decorator =>
  compose(IsOptional(), QueryArray(), ArrayMaxSize(max), IsId({ each: true }) as PropertyDecorator);

/** An optional nested DTO: validated recursively, never null. */
export const NestedDto = (type: () => new () => object): Decorator => compose(IsOmittable(), IsObject(), ValidateNested(), Type(type));

/** An optional nested DTO where null means "clear it". */
export const NullableNestedDto = (type: () => new () => object): Decorator =>
  compose(IsOptional(), IsObject(), ValidateNested(), Type(type));
