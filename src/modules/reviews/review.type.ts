import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { createConnectionType } from '../../common/connection.type';
import { CREATED_AT_DESCRIPTION, UPDATED_AT_DESCRIPTION } from '../../common/descriptions';
import { Node, NODE_ID_DESCRIPTION } from '../../common/node.type';
import { ReviewRating } from '../../generated/prisma/enums';

registerEnumType(ReviewRating, {
  name: 'ReviewRating',
  description: "A verdict on a normalised scale; the publisher's own wording is in ratingText.",
  valuesConfig: {
    TRUE: { description: 'Accurate.' },
    MOSTLY_TRUE: { description: 'Accurate in the main, with minor errors or omissions.' },
    MIXED: { description: 'Partly accurate, partly not.' },
    MOSTLY_FALSE: { description: 'Inaccurate in the main, with an element of truth.' },
    FALSE: { description: 'Inaccurate.' },
    MISLEADING: { description: 'Accurate words that leave a false impression (missing context, exaggeration).' },
    UNPROVEN: { description: 'Not enough evidence either way.' },
  },
});

@ObjectType({ description: "A fact-checker's verdict on a claim.", implements: Node })
export class Review implements Node {
  @Field(() => ID, { description: NODE_ID_DESCRIPTION })
  id!: string;

  claimId!: string;

  @Field(() => ReviewRating, { description: 'The verdict on the normalised scale.' })
  rating!: ReviewRating;

  @Field(() => String, { nullable: true, description: 'The publisher\'s own verdict, e.g. "Pants on Fire".' })
  ratingText!: string | null;

  @Field(() => String, { nullable: true, description: 'What the fact-checker found, in a few sentences; null when not given.' })
  summary!: string | null;

  @Field({ description: 'The organisation that published the review.' })
  organizationName!: string;

  @Field(() => String, { nullable: true, description: "The organisation's home page; null when not given." })
  organizationUrl!: string | null;

  @Field(() => String, { nullable: true, description: 'The person who wrote the review.' })
  authorName!: string | null;

  @Field(() => String, { nullable: true, description: 'Where the review is published; unique across reviews when present.' })
  url!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the review was published (UTC); null when unknown or not yet published.' })
  publishedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'BCP 47 language tag of the review, e.g. "en" or "de-DE".' })
  language!: string | null;

  @Field({ description: CREATED_AT_DESCRIPTION })
  createdAt!: Date;

  @Field({ description: UPDATED_AT_DESCRIPTION })
  updatedAt!: Date;
}

export const ReviewConnection = createConnectionType('Review', Review);
