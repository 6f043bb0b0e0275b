// The schema.org ClaimReview JSON-LD (claim-review.ts builds it) as GraphQL types, so that generated clients get its
// shape rather than `unknown`. Each class is the TypeScript type of the JSON-LD node it describes: buildClaimReview()
// returns these shapes, Review.claimReview sends the document as JSON and Review.schemaOrg the same object through
// these types. JSON-LD's `@context` and `@type` are not GraphQL names: the fields are `context` and `type`, read from
// the `@` properties by type-graphql's field resolver (which these types keep, as graphql's default resolver would
// read `type`). Absent properties, left out of the document, are null here.
import { Field, Int, InterfaceType, ObjectType } from 'type-graphql';

/** The value of `@type` of each JSON-LD node, which is also how a SchemaOrgAgent is told apart. */
export type SchemaOrgAgentType = 'Person' | 'Organization';

@InterfaceType({
  description: 'A schema.org Person or Organization: who wrote, published or made something (schema.org allows either).',
  resolveType: schemaOrgAgentTypeName,
})
export abstract class SchemaOrgAgent {
  @Field(() => String, { name: 'type', description: '"Person" or "Organization" (the JSON-LD @type).' })
  '@type'!: SchemaOrgAgentType;

  @Field({ description: 'The name of the person or organisation.' })
  name!: string;
}

@ObjectType({ description: 'A schema.org Organization.', implements: SchemaOrgAgent })
export class SchemaOrgOrganization implements SchemaOrgAgent {
  @Field(() => String, { name: 'type', description: '"Organization" (the JSON-LD @type).' })
  '@type'!: 'Organization';

  @Field({ description: 'The name of the organisation.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Its home page; null when not recorded.' })
  url?: string;

  @Field(() => [String], {
    nullable: true,
    description:
      'Pages that identify it: its Wikidata item page (https://www.wikidata.org/wiki/Q…) first, then its other sameAs URLs; null when none is recorded.',
  })
  sameAs?: string[];
}

@ObjectType({ description: 'A schema.org Person.', implements: SchemaOrgAgent })
export class SchemaOrgPerson implements SchemaOrgAgent {
  @Field(() => String, { name: 'type', description: '"Person" (the JSON-LD @type).' })
  '@type'!: 'Person';

  @Field({ description: 'The name of the person (or of an unnamed attribution, e.g. "a NATO official").' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Role or title, e.g. "NATO Secretary General"; null when not recorded.' })
  jobTitle?: string;

  @Field(() => SchemaOrgOrganization, { nullable: true, description: 'The organisation the person speaks for; null when not recorded.' })
  affiliation?: SchemaOrgOrganization;

  @Field(() => [String], {
    nullable: true,
    description:
      'Pages that identify the person: the Wikidata item page (https://www.wikidata.org/wiki/Q…) first, then the other sameAs URLs; null when none is recorded.',
  })
  sameAs?: string[];
}

/** The GraphQL type of an agent, read from its `@type` (synchronously: see resolveTypesSynchronously in schema.ts). */
export function schemaOrgAgentTypeName(agent: { '@type': SchemaOrgAgentType }): 'SchemaOrgPerson' | 'SchemaOrgOrganization' {
  return agent['@type'] === 'Person' ? 'SchemaOrgPerson' : 'SchemaOrgOrganization';
}

@ObjectType({ description: 'A schema.org CreativeWork: the publication in which the claim appeared (its source).' })
export class SchemaOrgCreativeWork {
  @Field(() => String, { name: 'type', description: '"CreativeWork" (the JSON-LD @type).' })
  '@type'!: 'CreativeWork';

  @Field(() => String, { nullable: true, description: "The publication's URL; null when not recorded." })
  url?: string;

  @Field({ description: 'Its headline or title.' })
  headline!: string;

  @Field(() => String, {
    nullable: true,
    description: "The claim's words as this publication has them (the anchored quote, Appearance's exact text); null when not anchored.",
  })
  text?: string;

  @Field(() => String, { nullable: true, description: 'The day it was published, YYYY-MM-DD; null when unknown.' })
  datePublished?: string;

  @Field(() => SchemaOrgPerson, { nullable: true, description: 'Who wrote it; null when not recorded.' })
  author?: SchemaOrgPerson;

  @Field(() => SchemaOrgOrganization, { nullable: true, description: 'Who published it; null when not recorded.' })
  publisher?: SchemaOrgOrganization;
}

@ObjectType({ description: 'A schema.org Claim: the claim reviewed, who made it, when and where.' })
export class SchemaOrgClaim {
  @Field(() => String, { name: 'type', description: '"Claim" (the JSON-LD @type).' })
  '@type'!: 'Claim';

  @Field(() => SchemaOrgAgent, {
    description:
      'The speaker, with its sameAs identities: for an unnamed speaker with an organization, that Organization; else a Person when a role is recorded (as jobTitle), else an Organization (an institution or a group).',
  })
  author!: SchemaOrgPerson | SchemaOrgOrganization;

  @Field(() => String, { nullable: true, description: 'The day the claim was made, YYYY-MM-DD; null when unknown.' })
  datePublished?: string;

  @Field(() => [SchemaOrgCreativeWork], {
    nullable: true,
    description:
      'The publications the claim appears in (Claim.appearances), the first known one first, then the oldest, at most 100, each with the quote where anchored; null when none is recorded.',
  })
  appearance?: SchemaOrgCreativeWork[];

  @Field(() => SchemaOrgCreativeWork, {
    nullable: true,
    description: "The claim's first known appearance (the one of appearance marked isFirst); null when not known.",
  })
  firstAppearance?: SchemaOrgCreativeWork;
}

@ObjectType({ description: 'A schema.org Rating: the verdict, as words and, where it fits, on a 1 to 5 scale.' })
export class SchemaOrgRating {
  @Field(() => String, { name: 'type', description: '"Rating" (the JSON-LD @type).' })
  '@type'!: 'Rating';

  @Field(() => Int, {
    nullable: true,
    description: 'The verdict from worstRating (false) to bestRating (true); null for UNPROVEN, which has no place on the scale.',
  })
  ratingValue?: number;

  @Field(() => Int, { description: 'The top of the scale: 5 (true).' })
  bestRating!: number;

  @Field(() => Int, { description: 'The bottom of the scale: 1 (false).' })
  worstRating!: number;

  @Field({ description: 'The verdict in words: the publisher\'s own (Review.ratingText) or the rating\'s label, e.g. "Mostly true".' })
  alternateName!: string;

  @Field({ description: 'The same words as alternateName.' })
  name!: string;
}

@ObjectType({ description: 'A schema.org CorrectionComment: a correction of the published verdict.' })
export class SchemaOrgCorrectionComment {
  @Field(() => String, { name: 'type', description: '"CorrectionComment" (the JSON-LD @type).' })
  '@type'!: 'CorrectionComment';

  @Field(() => String, { nullable: true, description: 'The correction notice (its reason); null when none was given.' })
  text?: string;

  @Field({ description: 'When the correction was made: an ISO 8601 date-time (UTC).' })
  datePublished!: string;
}

@ObjectType({
  description:
    'A review as schema.org ClaimReview (https://schema.org/ClaimReview), the fact-check markup search engines read: the ' +
    'typed form of Review.claimReview, field for field. Properties the JSON-LD leaves out are null.',
})
export class SchemaOrgClaimReview {
  @Field(() => String, { name: 'context', description: 'The JSON-LD @context: "https://schema.org".' })
  '@context'!: 'https://schema.org';

  @Field(() => String, { name: 'type', description: '"ClaimReview" (the JSON-LD @type).' })
  '@type'!: 'ClaimReview';

  @Field(() => String, { nullable: true, description: 'Where the review is published; null when not recorded.' })
  url?: string;

  @Field({ description: 'The text of the claim reviewed.' })
  claimReviewed!: string;

  @Field(() => String, { nullable: true, description: 'The day the review was published, YYYY-MM-DD; null when unknown.' })
  datePublished?: string;

  @Field(() => String, { nullable: true, description: 'The BCP 47 language tag of the review, e.g. "en"; null when not recorded.' })
  inLanguage?: string;

  @Field(() => String, { nullable: true, description: "The review's summary; null when it has none." })
  headline?: string;

  @Field(() => SchemaOrgOrganization, { description: 'The fact-checking organisation that published the review.' })
  author!: SchemaOrgOrganization;

  @Field(() => SchemaOrgPerson, { nullable: true, description: 'The person who wrote the review; null when not recorded.' })
  creator?: SchemaOrgPerson;

  @Field(() => SchemaOrgRating, { description: 'The verdict.' })
  reviewRating!: SchemaOrgRating;

  @Field(() => SchemaOrgClaim, { description: 'The claim reviewed.' })
  itemReviewed!: SchemaOrgClaim;

  @Field(() => [SchemaOrgCorrectionComment], {
    nullable: true,
    description: 'The corrections of the published verdict, oldest first; null when it was never corrected.',
  })
  correction?: SchemaOrgCorrectionComment[];
}
