import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Max, Min } from 'class-validator';

import { PageArgs } from '../../common/connection.type';
import { pageWindow } from '../../common/pagination';
import { PERMISSIONS } from '../../auth/permissions';
import { writeOf, type Context } from '../../context';
import { ReasonArgs } from '../history/reason.args';
import { Claim } from '../claims/claim.type';
import type { ClaimRecord } from '../claims/claim.service';
import { Source } from '../sources/source.type';
import type { SourceRecord } from '../sources/source.service';
import { AddAppearanceInput, SetSourceContentInput, UpdateAppearanceInput } from './appearance.input';
import type { AppearanceRecord } from './appearance.service';
import { Appearance, AppearanceConnection, AppearanceContext, TextAnchor, TextPosition } from './appearance.type';

@ArgsType()
class ContextArgs {
  @Field(() => Int, { defaultValue: 80, description: 'Code points of text to read either side, 0 to 1000, before cutting to whole words.' })
  @Min(0)
  @Max(1000)
  chars!: number;
}

@Resolver(() => Appearance)
export class AppearanceResolver {
  @Query(() => Appearance, { nullable: true, description: 'The appearance with this id; null when there is none.' })
  appearance(@Arg('id', () => ID, { description: "The appearance's id." }) id: string, @Ctx() { loaders }: Context) {
    return loaders.appearances.byId.load(id);
  }

  @Mutation(() => Appearance, {
    description:
      'Records that the claim appears in the source, anchored when anchor is given; BAD_USER_INPUT naming the anchor field when it does not ' +
      'stand in the text, or stands more than once without prefix or suffix to tell which. Without stored text the anchor is kept UNVERIFIED.',
  })
  @Authorized(PERMISSIONS.addAppearance)
  addAppearance(
    @Arg('input', { description: 'The new appearance.' }) input: AddAppearanceInput,
    @Args() { reason }: ReasonArgs,
    @Ctx() context: Context,
  ) {
    return context.services.appearances.add(input, writeOf(context, reason));
  }

  @Mutation(() => Appearance, {
    description: 'Moves the appearance (another source, another anchor, made the first) and returns it as it now stands.',
  })
  @Authorized(PERMISSIONS.updateAppearance)
  updateAppearance(
    @Arg('id', () => ID, { description: 'The appearance to change.' }) id: string,
    @Arg('input', { description: 'The fields to change.' }) input: UpdateAppearanceInput,
    @Args() { reason }: ReasonArgs,
    @Ctx() context: Context,
  ) {
    return context.services.appearances.update(id, input, writeOf(context, reason));
  }

  @Mutation(() => Appearance, {
    description:
      "Removes the appearance and returns it as it was; when it was the first, the claim's oldest other appearance becomes the first.",
  })
  @Authorized(PERMISSIONS.removeAppearance)
  removeAppearance(
    @Arg('id', () => ID, { description: 'The appearance to remove.' }) id: string,
    @Args() { reason }: ReasonArgs,
    @Ctx() context: Context,
  ) {
    return context.services.appearances.remove(id, writeOf(context, reason));
  }

  @Mutation(() => Source, {
    description:
      "Sets or replaces the source's text (the earlier text stays in history) and re-checks every anchor into it, in one transaction.",
  })
  @Authorized(PERMISSIONS.setSourceContent)
  async setSourceContent(
    @Arg('input', { description: 'The source and its text.' }) input: SetSourceContentInput,
    @Args() { reason }: ReasonArgs,
    @Ctx() context: Context,
  ) {
    const text = await context.services.appearances.setSourceContent(input, writeOf(context, reason));
    return context.loaders.sources.byId.load(text.sourceId);
  }

  @FieldResolver(() => Claim, { description: 'The claim that appears.' })
  claim(@Root() appearance: AppearanceRecord, @Ctx() { loaders }: Context) {
    return loaders.claims.byId.load(appearance.claimId);
  }

  @FieldResolver(() => Source, { description: 'Where it appears.' })
  source(@Root() appearance: AppearanceRecord, @Ctx() { loaders }: Context) {
    return loaders.sources.byId.load(appearance.sourceId);
  }

  @FieldResolver(() => TextAnchor, { nullable: true, description: 'Where in the text; null when not anchored.' })
  anchor(@Root() appearance: AppearanceRecord): TextAnchor | null {
    if (appearance.exact === null) return null;
    return {
      exact: appearance.exact,
      prefix: appearance.prefix,
      suffix: appearance.suffix,
      start: appearance.startOffset,
      end: appearance.endOffset,
      startSeconds: appearance.startSeconds,
      endSeconds: appearance.endSeconds,
    };
  }

  @FieldResolver(() => TextPosition, { nullable: true, description: 'For BROKEN: where the passage stands in the text now, if anywhere.' })
  closestMatch(@Root() appearance: AppearanceRecord): TextPosition | null {
    return appearance.closestStart === null || appearance.closestEnd === null
      ? null
      : { start: appearance.closestStart, end: appearance.closestEnd };
  }

  @FieldResolver(() => AppearanceContext, {
    nullable: true,
    description:
      'The words around the passage, with the passage marked ({ before, exact, after, marked }): at the anchor when VERIFIED, at the ' +
      'closest match when BROKEN; null when UNVERIFIED or BROKEN with no match.',
  })
  context(@Root() appearance: AppearanceRecord, @Args() { chars }: ContextArgs, @Ctx() { loaders }: Context) {
    return loaders.appearances.context.load({ appearanceId: appearance.id, chars });
  }
}

@Resolver(() => Claim)
export class ClaimAppearancesResolver {
  @FieldResolver(() => AppearanceConnection, { description: 'Where the claim appears, oldest first.' })
  async appearances(@Root() claim: ClaimRecord, @Args() page: PageArgs, @Ctx() { loaders }: Context) {
    return AppearanceConnection.from(await loaders.appearances.pageByClaim.load({ parentId: claim.id, window: pageWindow(page) }));
  }

  @FieldResolver(() => Appearance, {
    nullable: true,
    description: 'The first known appearance (its source is Claim.source); null when none.',
  })
  async firstAppearance(@Root() claim: ClaimRecord, @Ctx() { loaders }: Context) {
    return (await loaders.appearances.firstByClaim.load(claim.id))[0] ?? null;
  }
}

@Resolver(() => Source)
export class SourceTextResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'The text the source was read from (NFC); null when none is stored. Read only when selected.',
  })
  async content(@Root() source: SourceRecord, @Ctx() { loaders }: Context) {
    return (await loaders.appearances.contentBySource.load(source.id))[0]?.content ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'SHA-256 (hex) of content as stored (UTF-8); null without content.' })
  async contentHash(@Root() source: SourceRecord, @Ctx() { loaders }: Context) {
    return (await loaders.appearances.textInfoBySource.load(source.id))[0]?.contentHash ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'BCP 47 language tag of content; null when unknown or without content.' })
  async language(@Root() source: SourceRecord, @Ctx() { loaders }: Context) {
    return (await loaders.appearances.textInfoBySource.load(source.id))[0]?.language ?? null;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'When content was read from the source; null when unknown.' })
  async retrievedAt(@Root() source: SourceRecord, @Ctx() { loaders }: Context) {
    return (await loaders.appearances.textInfoBySource.load(source.id))[0]?.retrievedAt ?? null;
  }

  @FieldResolver(() => AppearanceConnection, { description: 'The appearances of claims in this source, oldest first.' })
  async appearances(@Root() source: SourceRecord, @Args() page: PageArgs, @Ctx() { loaders }: Context) {
    return AppearanceConnection.from(await loaders.appearances.pageBySource.load({ parentId: source.id, window: pageWindow(page) }));
  }
}
