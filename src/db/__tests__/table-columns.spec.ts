import { tableColumns } from '../table-columns';
import type { Speaker } from '../../generated/prisma/client';
import { SPEAKER_TABLE } from '../../modules/speakers/speaker.columns';

const speakerColumns = {
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
} as const;

describe('tableColumns', () => {
  it('refuses, at compile time, a definition that misses a field, names a missing column or leaves out a Date field', () => {
    // Each line below must fail to compile (ts-jest type-checks this file); the calls themselves are harmless.
    // @ts-expect-error a field of the model without its column
    tableColumns<Speaker>()('speakers', { ...speakerColumns, slug: undefined }, ['createdAt', 'updatedAt']);
    // @ts-expect-error a column the table lacks
    tableColumns<Speaker>()('speakers', { ...speakerColumns, isNamed: 'named' }, ['createdAt', 'updatedAt']);
    // @ts-expect-error updatedAt is a Date field
    tableColumns<Speaker>()('speakers', speakerColumns, ['createdAt']);
    expect(tableColumns<Speaker>()('speakers', speakerColumns, ['createdAt', 'updatedAt']).table).toBe('speakers');
  });

  it('lists the columns as the model names its fields, for hand-written SQL', () => {
    const sql = SPEAKER_TABLE.sqlColumns('s').text;
    expect(sql).toContain('s.is_named AS "isNamed"');
    expect(sql).toContain('s.id, s.slug');
  });

  it('reads a JSON row back as the record: dates from ISO text, other values as they are', () => {
    const row = SPEAKER_TABLE.fromJson({
      id: 'x',
      createdAt: '2018-10-20T14:05:09.123+00:00',
      updatedAt: '2018-10-20T14:05:09+02:00',
      aliases: ['a'],
    });
    expect(row.createdAt).toEqual(new Date('2018-10-20T14:05:09.123Z'));
    expect(row.updatedAt).toEqual(new Date('2018-10-20T12:05:09Z'));
    expect(row.aliases).toEqual(['a']);
  });
});
