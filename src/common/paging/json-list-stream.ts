import { StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';

/**
 * A ListResponse written as it is read: `{"items":[…],"totalCount":n,"totalPages":1,"hasMorePages":…}`
 * with the items streamed one by one (`all=true` is one page), so a 10,000-item `all=true` list never sits in memory whole.
 */
export function jsonListStream(items: AsyncIterable<unknown>, totalCount: number | null, hasMorePages: boolean): StreamableFile {
  async function* chunks(): AsyncGenerator<string> {
    yield '{"items":[';
    let sent = 0;
    for await (const item of items) yield `${sent++ ? ',' : ''}${JSON.stringify(item)}`;
    // With simplifiedPaging nothing was counted: totals are 0, as on a paged list.
    const pages = totalCount ? 1 : 0;
    yield `],"totalCount":${totalCount ?? 0},"totalPages":${totalCount === null ? 0 : pages},"hasMorePages":${hasMorePages}}`;
  }
  return new StreamableFile(Readable.from(chunks()), { type: 'application/json; charset=utf-8' });
}
