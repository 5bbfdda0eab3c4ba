import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { QueryIdList } from '../validation/dto-decorators';
import { QueryBoolean, QueryInt } from '../validation/query-transforms';

export const MAX_PAGE_SIZE = 1000;

/** ServiceStack-style paging, shared by every List operation. */
export class ListRequestDto {
  /** 0-based page number */
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  page?: number;

  /** Items per page (default 25, at most 1000) */
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  countPerPage?: number;

  /** Return every item, up to the server's hard limit, without paging */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  all?: boolean;

  /** Skip the total count (totalCount and totalPages are then 0) */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  simplifiedPaging?: boolean;

  /** Only these ids (comma-joined or repeated) */
  @QueryIdList(MAX_PAGE_SIZE)
  specificIds?: string[];

  /** A response property name to sort by */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  sortField?: string;

  @IsOptional()
  @IsIn(['Ascend', 'Descend'])
  sortOrder?: 'Ascend' | 'Descend';
}

export class ListResponse<T> {
  items: T[];
  totalCount: number;
  totalPages: number;
  hasMorePages: boolean;
}

export interface PageWindow {
  offset: number;
  limit: number;
}

/** Offset and limit for a request; `all` is capped by the configured hard limit. */
export function pageWindow(req: ListRequestDto, hardLimit: number): PageWindow {
  if (req.all) return { offset: 0, limit: hardLimit };
  const size = req.countPerPage ?? 25;
  return { offset: (req.page ?? 0) * size, limit: size };
}

/** With `simplifiedPaging` the total is not counted (null here) and reported as 0. */
export function listResponse<T>(items: T[], totalCount: number | null, hasMorePages: boolean, req: ListRequestDto): ListResponse<T> {
  if (totalCount === null) return { items, totalCount: 0, totalPages: 0, hasMorePages };
  const size = req.all ? Math.max(totalCount, 1) : (req.countPerPage ?? 25);
  return { items, totalCount, totalPages: Math.ceil(totalCount / size), hasMorePages };
}
