import { tableColumns } from '../../db/table-columns';
import type { Source } from '../../generated/prisma/client';

export const SOURCE_TABLE = tableColumns<Source>()(
  'sources',
  {
    id: 'id',
    title: 'title',
    url: 'url',
    publisher: 'publisher',
    author: 'author',
    publishedAt: 'published_at',
    kind: 'kind',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
  },
  ['publishedAt', 'createdAt', 'updatedAt'],
);
