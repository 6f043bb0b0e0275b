import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { createConnectionType } from '../../common/connection.type';
import { Node, NODE_ID_DESCRIPTION } from '../../common/node.type';
import { SourceKind } from '../../generated/prisma/enums';

registerEnumType(SourceKind, { name: 'SourceKind', description: 'What kind of publication a source is.' });

@ObjectType({ description: 'Where claims appeared: an article, transcript, press release, statement or post.', simpleResolvers: true, implements: Node })
export class Source implements Node {
  @Field(() => ID, { description: NODE_ID_DESCRIPTION })
  id!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true, description: 'Canonical URL; unique across sources when present.' })
  url!: string | null;

  @Field(() => String, { nullable: true })
  publisher!: string | null;

  @Field(() => String, { nullable: true })
  author!: string | null;

  @Field(() => Date, { nullable: true })
  publishedAt!: Date | null;

  @Field(() => SourceKind)
  kind!: SourceKind;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

export const SourceConnection = createConnectionType('Source', Source);
