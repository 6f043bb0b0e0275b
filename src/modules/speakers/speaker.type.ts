import { Field, ID, ObjectType } from 'type-graphql';
import { createConnectionType } from '../../common/connection.type';
import { CREATED_AT_DESCRIPTION, UPDATED_AT_DESCRIPTION } from '../../common/descriptions';
import { Node, NODE_ID_DESCRIPTION } from '../../common/node.type';

@ObjectType({
  description: 'Someone who makes claims: a person, an institution, or an unnamed attribution such as "a NATO official".',
  simpleResolvers: true,
  implements: Node,
})
export class Speaker implements Node {
  @Field(() => ID, { description: NODE_ID_DESCRIPTION })
  id!: string;

  @Field({ description: 'Stable, URL-friendly handle, e.g. "jens-stoltenberg".' })
  slug!: string;

  @Field({ description: 'The name as it is best known, e.g. "Jens Stoltenberg" or "a NATO official".' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Role or title as the source gives it, e.g. "NATO Secretary General".' })
  role!: string | null;

  @Field(() => String, { nullable: true, description: 'The government or organisation the speaker speaks for.' })
  affiliation!: string | null;

  @Field(() => String, { nullable: true, description: 'The country the speaker belongs to, as recorded (free text); null when unknown.' })
  country!: string | null;

  @Field({ description: 'False for anonymous attributions such as "a senior U.S. official".' })
  isNamed!: boolean;

  @Field(() => [String], { description: 'Other names the speaker goes by, e.g. "NATO Secretary General" or "DNI".' })
  aliases!: string[];

  @Field(() => String, {
    nullable: true,
    description:
      'The Wikidata item the speaker is, e.g. "Q22686" (https://www.wikidata.org/wiki/Q22686); null when not identified, and always for an unnamed speaker.',
  })
  wikidataId!: string | null;

  @Field(() => [String], { description: 'Other pages that stand for the speaker (Wikipedia, an official page), as absolute URLs.' })
  sameAs!: string[];

  organizationId!: string | null;

  @Field({ description: CREATED_AT_DESCRIPTION })
  createdAt!: Date;

  @Field({ description: UPDATED_AT_DESCRIPTION })
  updatedAt!: Date;
}

export const SpeakerConnection = createConnectionType('Speaker', Speaker);
