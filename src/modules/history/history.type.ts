import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { createConnectionType } from '../../common/connection.type';
import { ActorKind, HistoryAction, HistoryEntityType } from '../../generated/prisma/enums';

/**
 * At most how many fields one entry changes, for the operation cost (operation-cost.ts): the widest audited table's
 * columns (reviews: 10 besides id and timestamps), with room to grow.
 */
export const MAX_FIELD_CHANGES = 16;

registerEnumType(HistoryEntityType, {
  name: 'HistoryEntityType',
  description: 'The kinds of record history keeps.',
  valuesConfig: {
    SPEAKER: { description: 'A Speaker.' },
    SOURCE: { description: 'A Source.' },
    CLAIM: { description: 'A Claim.' },
    REBUTTAL: { description: 'A Rebuttal.' },
    REVIEW: { description: 'A Review.' },
    SOURCE_TEXT: { description: "A source's text (Source.content): entityId is the source's id; changes hold the text before and after." },
    APPEARANCE: { description: 'An Appearance.' },
  },
});

registerEnumType(HistoryAction, {
  name: 'HistoryAction',
  description: 'What a change did to its record.',
  valuesConfig: {
    CREATE: { description: 'The record was created (or existed when history began: dated at its creation).' },
    UPDATE: { description: 'Fields of the record changed.' },
    DELETE: { description: 'The record was deleted; the entry keeps its last state.' },
    STATUS: { description: "Only the claim's review status changed (setClaimReviewStatus)." },
  },
});

registerEnumType(ActorKind, {
  name: 'ActorKind',
  description: 'What made a change.',
  valuesConfig: {
    API_KEY: { description: 'A mutation sent with an API key (keyId, and the name the key had then).' },
    CLI: { description: 'A command run on the server (npm run ...).' },
    SEED: { description: 'The seed.' },
    IMPORT: { description: 'An import, named after its file.' },
    MIGRATION: { description: 'The migration that began history (records that existed before it).' },
    DATABASE: { description: 'A write made in the database directly (psql, a script), named after its database role.' },
  },
});

@ObjectType({ description: 'Who made a change.', simpleResolvers: true })
export class HistoryActor {
  @Field(() => ActorKind, {
    description: 'What made the change: an API key, a command, the seed, an import, a migration, or the database directly.',
  })
  kind!: ActorKind;

  @Field(() => ID, { nullable: true, description: "The API key's id (Viewer.id, history's actorId filter); null unless kind is API_KEY." })
  keyId!: string | null;

  @Field({ description: 'The API key\'s name when the change was made, or the command ("import claims.jsonl").' })
  name!: string;
}

@ObjectType({ description: 'One field a change touched.', simpleResolvers: true })
export class FieldChange {
  @Field({ description: 'The field as the API names it, e.g. "text" or "reviewStatus".' })
  field!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Its value before (null when created, or when it was null).' })
  before!: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Its value after (null when deleted, or when it became null).' })
  after!: unknown;
}

@ObjectType({
  description: 'One change to one record, as history keeps it: append-only, written in the transaction of the change.',
  simpleResolvers: true,
})
export class HistoryEntry {
  @Field(() => ID, { description: 'Increasing in the order entries were written.' })
  id!: string;

  @Field(() => HistoryEntityType, { description: 'The kind of record changed.' })
  entityType!: HistoryEntityType;

  @Field(() => ID, { description: "The changed record's id (the record may since have been deleted)." })
  entityId!: string;

  /** The claim the entity belongs to (itself for a claim), for visibility; not in the API. */
  claimId!: string | null;

  @Field(() => HistoryAction, { description: 'What the change did.' })
  action!: HistoryAction;

  @Field(() => HistoryActor, { description: 'Who or what made the change.' })
  actor!: HistoryActor;

  @Field({ description: "When the change was committed (UTC): its transaction's time." })
  recordedAt!: Date;

  @Field(() => [FieldChange], {
    description: 'The fields that changed, with their values before and after (all of them for CREATE and DELETE).',
  })
  changes!: FieldChange[];

  @Field(() => String, { nullable: true, description: 'Why, as given with the mutation (its reason argument).' })
  reason!: string | null;

  @Field({ description: 'Whether the change corrected a published verdict (Review.corrections).' })
  isCorrection!: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      "The request's id (its X-Request-Id), to find the request in the server's logs: shown to EDITOR and above only " +
      '(null to others), as it is an operational detail a client may have chosen, and the public needs no log lookup.',
  })
  requestId!: string | null;
}

@ObjectType({
  description:
    'A correction of a published verdict: a change to a review of a PUBLISHED claim, or to the published claim itself (a retraction, a change of its text).',
  simpleResolvers: true,
})
export class Correction {
  @Field(() => ID, { description: 'The id of its history entry.' })
  id!: string;

  @Field(() => HistoryEntityType, { description: 'REVIEW for a change of a review, CLAIM for a change or retraction of the claim.' })
  entityType!: HistoryEntityType;

  @Field(() => HistoryAction, {
    description: "What the correction did: UPDATE for changed fields, STATUS for a change of the claim's status (a retraction).",
  })
  action!: HistoryAction;

  @Field(() => String, {
    nullable: true,
    description: 'Why: the text of the correction notice (always given for corrections made through the API).',
  })
  reason!: string | null;

  @Field(() => [FieldChange], { description: 'The fields corrected, with their values before and after.' })
  changes!: FieldChange[];

  @Field({ description: "When it was made: the correction notice's datePublished." })
  recordedAt!: Date;

  @Field(() => HistoryActor, { description: 'Who made the correction.' })
  actor!: HistoryActor;
}

export const HistoryEntryConnection = createConnectionType('HistoryEntry', HistoryEntry);
