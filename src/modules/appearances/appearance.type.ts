import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { createConnectionType } from '../../common/connection.type';
import { CREATED_AT_DESCRIPTION, UPDATED_AT_DESCRIPTION } from '../../common/descriptions';
import { Node, NODE_ID_DESCRIPTION } from '../../common/node.type';
import { AppearanceVerification } from '../../generated/prisma/enums';

/** What the offsets of the API count, said once. */
export const OFFSETS_DESCRIPTION =
  "Offsets count Unicode code points (not UTF-16 code units, not bytes) of the source's content as stored, which is NFC-normalised; " +
  'start is the first code point of the passage, end the one after its last (W3C Web Annotation TextPositionSelector).';

registerEnumType(AppearanceVerification, {
  name: 'AppearanceVerification',
  description:
    "Whether an appearance's anchor stands in its source's stored text. Texts are compared in NFC with typographic quotes and " +
    "apostrophes read as straight ones and whitespace runs as one space; what is stored is the source's own characters.",
  valuesConfig: {
    VERIFIED: { description: 'The exact text stands at the anchor position of the stored content.' },
    UNVERIFIED: { description: 'No anchor, or no stored content to check it against.' },
    BROKEN: {
      description: 'The content changed and the exact text no longer stands there; closestMatch says where it now is, if anywhere.',
    },
  },
});

@ObjectType({ description: `A place in a source's text. ${OFFSETS_DESCRIPTION}`, simpleResolvers: true })
export class TextPosition {
  @Field(() => Int, { description: 'The first code point.' })
  start!: number;

  @Field(() => Int, { description: 'The code point after the last.' })
  end!: number;
}

@ObjectType({
  description: `Where in the source's text the claim stands: a W3C Web Annotation TextQuoteSelector (exact, prefix, suffix) and TextPositionSelector (start, end). ${OFFSETS_DESCRIPTION}`,
  simpleResolvers: true,
})
export class TextAnchor {
  @Field({ description: "The passage, in the source's own characters." })
  exact!: string;

  @Field(() => String, { nullable: true, description: 'Up to 32 code points of text before the passage.' })
  prefix!: string | null;

  @Field(() => String, { nullable: true, description: 'Up to 32 code points of text after the passage.' })
  suffix!: string | null;

  @Field(() => Int, { nullable: true, description: 'Where the passage starts; null while the source has no text to place it in.' })
  start!: number | null;

  @Field(() => Int, { nullable: true, description: 'Where the passage ends (exclusive); null with start.' })
  end!: number | null;

  @Field(() => Float, { nullable: true, description: 'For audio and video: where the passage is said, in seconds from the start.' })
  startSeconds!: number | null;

  @Field(() => Float, { nullable: true, description: 'For audio and video: where the passage ends, in seconds from the start.' })
  endSeconds!: number | null;
}

@ObjectType({
  description: 'The words around an anchored passage, cut at whole words. Read at the anchor when VERIFIED, at closestMatch when BROKEN.',
  simpleResolvers: true,
})
export class AppearanceContext {
  @Field({ description: 'The text before the passage (up to chars code points, cut back to a whole word).' })
  before!: string;

  @Field({ description: 'The passage as the text has it now.' })
  exact!: string;

  @Field({ description: 'The text after the passage (up to chars code points, cut back to a whole word).' })
  after!: string;

  @Field({ description: 'before + ⟦exact⟧ + after, with … where the text goes on: ready to show.' })
  marked!: string;
}

@ObjectType({
  description: 'A claim appearing in a source, optionally anchored to the exact words of its text.',
  simpleResolvers: true,
  implements: Node,
})
export class Appearance implements Node {
  @Field(() => ID, { description: NODE_ID_DESCRIPTION })
  id!: string;

  claimId!: string;

  sourceId!: string;

  @Field({ description: "The claim's first known appearance (schema.org ClaimReview firstAppearance); one per claim at most." })
  isFirst!: boolean;

  @Field(() => AppearanceVerification, { description: 'Whether the anchor stands in the stored text, as last checked.' })
  verification!: AppearanceVerification;

  @Field(() => Date, {
    nullable: true,
    description: 'When the anchor was placed in, or last moved or changed state against, the stored text; null when never checked.',
  })
  verifiedAt!: Date | null;

  @Field({ description: CREATED_AT_DESCRIPTION })
  createdAt!: Date;

  @Field({ description: UPDATED_AT_DESCRIPTION })
  updatedAt!: Date;
}

export const AppearanceConnection = createConnectionType('Appearance', Appearance);
