import { tableColumns } from '../../db/table-columns';
import type { Speaker } from '../../generated/prisma/client';

export const SPEAKER_TABLE = tableColumns<Speaker>()(
  'speakers',
  {
    id: 'id',
    slug: 'slug',
    name: 'name',
    role: 'role',
    affiliation: 'affiliation',
    country: 'country',
    isNamed: 'is_named',
    aliases: 'aliases',
    wikidataId: 'wikidata_id',
    sameAs: 'same_as',
    organizationId: 'organization_id',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
  },
  ['createdAt', 'updatedAt'],
);
