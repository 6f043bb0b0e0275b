import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { createConnectionType } from '../../common/connection.type';
import { CREATED_AT_DESCRIPTION, UPDATED_AT_DESCRIPTION } from '../../common/descriptions';
import { Node, NODE_ID_DESCRIPTION } from '../../common/node.type';
import { LocalDateScalar } from '../../common/scalars';
import { ClaimKind, ReviewStatus } from '../../generated/prisma/enums';

registerEnumType(ClaimKind, {
  name: 'ClaimKind',
  description: "How the source reports the claim: in the speaker's own words or in its own.",
  valuesConfig: {
    QUOTE: { description: 'Words the source puts in quotation marks.' },
    PARAPHRASE: { description: 'Reported speech: what the source says the speaker said.' },
  },
});

registerEnumType(ReviewStatus, {
  name: 'ReviewStatus',
  description: "Where a claim stands in the desk's review workflow (see setClaimReviewStatus).",
  valuesConfig: {
    UNREVIEWED: { description: 'Nobody has taken it up.' },
    IN_REVIEW: { description: 'Being checked (or reopened, or retracted for correction).' },
    REVIEWED: { description: 'Checked; the verdict awaits publication.' },
    PUBLISHED: { description: 'The verdict is public; needs at least one review.' },
  },
});

@ObjectType({ description: 'Something a speaker asserted, as a source reports it.', simpleResolvers: true, implements: Node })
export class Claim implements Node {
  @Field(() => ID, { description: NODE_ID_DESCRIPTION })
  id!: string;

  @Field({ description: 'The quote, verbatim, or the sentence that reports it.' })
  text!: string;

  @Field(() => ClaimKind, { description: 'Whether text is a verbatim quote or a paraphrase.' })
  kind!: ClaimKind;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day it was said, when known.' })
  statedAt!: Date | null;

  speakerId!: string;

  sourceId!: string | null;

  @Field(() => ReviewStatus, { description: "Where the claim stands in the desk's review workflow; UNREVIEWED when created." })
  reviewStatus!: ReviewStatus;

  @Field({ description: CREATED_AT_DESCRIPTION })
  createdAt!: Date;

  @Field({ description: UPDATED_AT_DESCRIPTION })
  updatedAt!: Date;
}

export const ClaimConnection = createConnectionType('Claim', Claim);
