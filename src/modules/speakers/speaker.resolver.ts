import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../common/connection.type';
import { pageWindow } from '../../common/pagination';
import { PERMISSIONS } from '../../auth/permissions';
import { writeOf, type Context } from '../../context';
import { pageReadPlanOf, readPlanOf } from '../../graphql/read-plan';
import { ReasonArgs } from '../history/reason.args';
import { ClaimConnection } from '../claims/claim.type';
import { CreateSpeakerInput, SpeakerLookupArgs, SpeakerSearchArgs, UpdateSpeakerInput } from './speaker.input';
import type { SpeakerRecord } from './speaker.service';
import { Speaker, SpeakerConnection } from './speaker.type';

@Resolver(() => Speaker)
export class SpeakerResolver {
  @Query(() => SpeakerConnection, {
    description:
      'All speakers, oldest first; with `search`, the matches: exact names first, then names starting with it, then the rest, each by name.',
  })
  async speakers(@Args() { search, ...page }: SpeakerSearchArgs, @Ctx() { services, loaders }: Context, @Info() info: GraphQLResolveInfo) {
    return SpeakerConnection.from(await services.speakers.list(page, search, pageReadPlanOf(info, 'Speaker', loaders)));
  }

  @Query(() => Speaker, {
    nullable: true,
    description: 'One speaker, by id, by slug or by Wikidata item id (exactly one of them); null when none matches.',
  })
  speaker(@Args() lookup: SpeakerLookupArgs, @Ctx() { services, loaders }: Context, @Info() info: GraphQLResolveInfo) {
    return services.speakers.findOne(lookup, readPlanOf(info, 'Speaker', loaders));
  }

  @Mutation(() => Speaker, { description: 'Records a new speaker. A derived slug is made unique; a slug given that is taken is refused.' })
  @Authorized(PERMISSIONS.createSpeaker)
  createSpeaker(
    @Arg('input', { description: 'The new speaker.' }) input: CreateSpeakerInput,
    @Args() { reason }: ReasonArgs,
    @Ctx() context: Context,
  ) {
    return context.services.speakers.create(input, writeOf(context, reason));
  }

  @Mutation(() => Speaker, { description: 'Changes the fields given in input and returns the speaker as it now stands.' })
  @Authorized(PERMISSIONS.updateSpeaker)
  updateSpeaker(
    @Arg('id', () => ID, { description: 'The speaker to change.' }) id: string,
    @Arg('input', { description: 'The fields to change.' }) input: UpdateSpeakerInput,
    @Args() { reason }: ReasonArgs,
    @Ctx() context: Context,
  ) {
    return context.services.speakers.update(id, input, writeOf(context, reason));
  }

  @Mutation(() => Speaker, { description: 'Refused with CONFLICT while the speaker has claims.' })
  @Authorized(PERMISSIONS.deleteSpeaker)
  deleteSpeaker(
    @Arg('id', () => ID, { description: 'The speaker to delete.' }) id: string,
    @Args() { reason }: ReasonArgs,
    @Ctx() context: Context,
  ) {
    return context.services.speakers.delete(id, writeOf(context, reason));
  }

  @FieldResolver(() => Speaker, {
    nullable: true,
    description:
      'The speaker that stands for the body this one speaks for (for "a NATO official", NATO): the identity of an unnamed speaker; null when none is recorded.',
  })
  organization(@Root() speaker: SpeakerRecord, @Ctx() { loaders }: Context) {
    return speaker.organizationId === null ? null : loaders.speakers.byId.load(speaker.organizationId);
  }

  @FieldResolver(() => ClaimConnection, { description: "The speaker's claims, oldest first." })
  async claims(@Root() speaker: SpeakerRecord, @Args() page: PageArgs, @Ctx() { loaders }: Context) {
    return ClaimConnection.from(await loaders.claims.pageBySpeaker.load({ parentId: speaker.id, window: pageWindow(page) }));
  }
}
