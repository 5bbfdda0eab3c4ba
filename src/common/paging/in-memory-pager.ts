import { ApiError } from '../errors/api-error';
import { listResponse, ListRequestDto, ListResponse, pageWindow } from './list-request.dto';

/**
 * Paging for small, already-scoped collections (accounts, users, tags): filter, sort and slice
 * in memory with exactly the semantics the SQL pager of customers has.
 */
export function pageInMemory<T extends { id: string }>(
  all: T[],
  req: ListRequestDto,
  sortable: readonly string[],
  hardLimit: number,
): ListResponse<T> {
  let items = req.specificIds?.length ? all.filter((i) => req.specificIds!.includes(i.id)) : all;
  if (req.sortField) {
    if (!sortable.includes(req.sortField)) {
      throw ApiError.field('sortField', 'Enum', `'Sort Field' must be one of: ${sortable.join(', ')}.`);
    }
    const key = req.sortField as keyof T;
    const dir = req.sortOrder === 'Descend' ? -1 : 1;
    items = [...items].sort((a, b) => dir * compare(a[key], b[key]) || compare(a.id, b.id));
  }
  const window = pageWindow(req, hardLimit);
  const page = items.slice(window.offset, window.offset + window.limit);
  const hasMorePages = window.offset + page.length < items.length;
  return listResponse(page, req.simplifiedPaging ? null : items.length, hasMorePages, req);
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b);
  return a < b ? -1 : 1;
}
