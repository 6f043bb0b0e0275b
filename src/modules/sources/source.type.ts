import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { createConnectionType } from '../../common/connection.type';
import { CREATED_AT_DESCRIPTION, UPDATED_AT_DESCRIPTION } from '../../common/descriptions';
import { Node, NODE_ID_DESCRIPTION } from '../../common/node.type';
import { SourceKind } from '../../generated/prisma/enums';

registerEnumType(SourceKind, {
  name: 'SourceKind',
  description: 'What kind of publication a source is.',
  valuesConfig: {
    ARTICLE: { description: 'A news or opinion article.' },
    TRANSCRIPT: { description: 'A transcript of an interview, speech, hearing or press conference.' },
    PRESS_RELEASE: { description: 'A press release from a government, party or organisation.' },
    STATEMENT: { description: 'An official statement, communiqué or declaration.' },
    SOCIAL_POST: { description: 'A post on a social network.' },
    OTHER: { description: 'Anything else.' },
  },
});

@ObjectType({
  description: 'Where claims appeared: an article, transcript, press release, statement or post.',
  simpleResolvers: true,
  implements: Node,
})
export class Source implements Node {
  @Field(() => ID, { description: NODE_ID_DESCRIPTION })
  id!: string;

  @Field({ description: 'The headline or title of the publication.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Canonical URL; unique across sources when present.' })
  url!: string | null;

  @Field(() => String, { nullable: true, description: 'Who published it, e.g. a newspaper or ministry; null when unknown.' })
  publisher!: string | null;

  @Field(() => String, { nullable: true, description: 'Who wrote it, as credited; null when unknown or uncredited.' })
  author!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was published (UTC); null when unknown.' })
  publishedAt!: Date | null;

  @Field(() => SourceKind, { description: 'What kind of publication it is.' })
  kind!: SourceKind;

  @Field({ description: CREATED_AT_DESCRIPTION })
  createdAt!: Date;

  @Field({ description: UPDATED_AT_DESCRIPTION })
  updatedAt!: Date;
}

export const SourceConnection = createConnectionType('Source', Source);
