// The read side of history: the history query, `history` on each record type, and Review.corrections. There is no
// mutation: history is written by the database's triggers, in the transaction of each change, and nothing else.
import { Appearance } from '../appearances/appearance.type';
import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root, type ClassType } from 'type-graphql';
import { hasRole, UNPUBLISHED_HISTORY_ROLE } from '../../auth/permissions';
import { PageArgs } from '../../common/connection.type';
import { descendingSequenceWindow, listSize, MAX_PAGE_SIZE } from '../../common/pagination';
import type { Context } from '../../context';
import type { HistoryEntityType } from '../../generated/prisma/enums';
import { Claim } from '../claims/claim.type';
import { Rebuttal } from '../rebuttals/rebuttal.type';
import { Review } from '../reviews/review.type';
import { Source } from '../sources/source.type';
import { Speaker } from '../speakers/speaker.type';
import { HistoryFilter } from './history.input';
import { correctionsKey } from './history.loaders';
import { HISTORY_LIST } from './history.sql';
import { Correction, HistoryEntryConnection } from './history.type';

const VISIBILITY =
  'Anonymous clients and VIEWER see the history of speakers and sources, and of claims that are PUBLISHED now with ' +
  `their rebuttals and reviews; ${UNPUBLISHED_HISTORY_ROLE} and above see all of it.`;

const seesUnpublished = ({ viewer }: Context): boolean => hasRole(viewer, UNPUBLISHED_HISTORY_ROLE);

async function entityHistory(entityType: HistoryEntityType, entityId: string, page: PageArgs, context: Context) {
  const window = descendingSequenceWindow(page, HISTORY_LIST);
  return HistoryEntryConnection.from(
    await context.loaders.history.pageOf(entityType, seesUnpublished(context)).load({ parentId: entityId, window }),
  );
}

const ENTITY_HISTORY = { description: `The changes to this record, newest first. ${VISIBILITY}` };

@Resolver()
export class HistoryResolver {
  @Query(() => HistoryEntryConnection, {
    description: `Changes to the record matching the filter, newest first (by entry id). ${VISIBILITY}`,
  })
  async history(
    @Arg('filter', () => HistoryFilter, {
      nullable: true,
      description: 'Conditions the entries must meet; every visible entry when omitted.',
    })
    filter: HistoryFilter | null,
    @Args() page: PageArgs,
    @Ctx() context: Context,
  ) {
    return HistoryEntryConnection.from(await context.services.history.list(filter ?? {}, page, seesUnpublished(context)));
  }
}

/**
 * The resolver of `history` on one record type: the same field on each, built by one function (type-graphql takes a
 * class per type it resolves fields of).
 */
function entityHistoryResolver(type: ClassType, entityType: HistoryEntityType) {
  @Resolver(() => type)
  class EntityHistoryResolver {
    @FieldResolver(() => HistoryEntryConnection, ENTITY_HISTORY)
    history(@Root() record: { id: string }, @Args() page: PageArgs, @Ctx() context: Context) {
      return entityHistory(entityType, record.id, page, context);
    }
  }
  return EntityHistoryResolver;
}

export const SpeakerHistoryResolver = entityHistoryResolver(Speaker, 'SPEAKER');
export const SourceHistoryResolver = entityHistoryResolver(Source, 'SOURCE');
export const ClaimHistoryResolver = entityHistoryResolver(Claim, 'CLAIM');
export const RebuttalHistoryResolver = entityHistoryResolver(Rebuttal, 'REBUTTAL');
export const ReviewHistoryResolver = entityHistoryResolver(Review, 'REVIEW');
export const AppearanceHistoryResolver = entityHistoryResolver(Appearance, 'APPEARANCE');

@Resolver(() => Review)
export class ReviewCorrectionsResolver {
  @FieldResolver(() => [Correction], {
    description:
      'Corrections of the published verdict, oldest first: changes to this review made while its claim was PUBLISHED, and ' +
      "changes to the published claim itself (a retraction, a change of its text). Public: a correction is the desk's notice of it. " +
      "The first `first` of them; ClaimReview's `correction` carries them all.",
  })
  async corrections(
    @Root() review: Review,
    @Arg('first', () => Int, { nullable: true, defaultValue: MAX_PAGE_SIZE, description: `How many, at most ${MAX_PAGE_SIZE}.` })
    first: number | null,
    @Ctx() { loaders }: Context,
  ) {
    // Checked as a page's first is; ClaimReview's `correction` carries them all.
    const count = listSize(first);
    return (await loaders.history.corrections.load(correctionsKey(review))).slice(0, count);
  }
}
