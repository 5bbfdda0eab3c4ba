import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ListResponse } from './list-request.dto';
import { markListResponse } from '../../compat/metadata/service-stack-names';

/** A named ListResponse<T> class, so the OpenAPI document shows what `items` holds. */
export function ListResponseOf<T>(item: Type<T>): Type<ListResponse<T>> {
  class Page implements ListResponse<T> {
    @ApiProperty({ type: [item] })
    items: T[];
    @ApiProperty({ description: 'Matching items in all pages (0 with simplifiedPaging)' })
    totalCount: number;
    @ApiProperty({ description: '0 with simplifiedPaging' })
    totalPages: number;
    @ApiProperty()
    hasMorePages: boolean;
  }
  Object.defineProperty(Page, 'name', { value: `${item.name}ListResponse` });
  markListResponse(Page, item);
  return Page;
}
