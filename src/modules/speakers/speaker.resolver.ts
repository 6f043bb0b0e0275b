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
    description: 'All speakers, oldest first; with `search`, the matches: exact names first, then names starting with it, then the rest, each by name.',
  })
  async speakers(@Args() { search, ...page }: SpeakerSearchArgs, @Ctx() { services, loaders }: Context, @Info() info: GraphQLResolveInfo) {
    return SpeakerConnection.from(await services.speakers.list(page, search, pageReadPlanOf(info, 'Speaker', loaders)));
  }

  @Query(() => Speaker, { nullable: true, description: 'One speaker, by id or by slug (exactly one of them).' })
  speaker(@Args() lookup: SpeakerLookupArgs, @Ctx() { services, loaders }: Context, @Info() info: GraphQLResolveInfo) {
    return services.speakers.findOne(lookup, readPlanOf(info, 'Speaker', loaders));
  }

  @Mutation(() => Speaker)
  @Authorized(PERMISSIONS.createSpeaker)
  createSpeaker(@Arg('input') input: CreateSpeakerInput, @Args() { reason }: ReasonArgs, @Ctx() context: Context) {
    return context.services.speakers.create(input, writeOf(context, reason));
  }

  @Mutation(() => Speaker)
  @Authorized(PERMISSIONS.updateSpeaker)
  updateSpeaker(@Arg('id', () => ID) id: string, @Arg('input') input: UpdateSpeakerInput, @Args() { reason }: ReasonArgs, @Ctx() context: Context) {
    return context.services.speakers.update(id, input, writeOf(context, reason));
  }

  @Mutation(() => Speaker, { description: 'Refused with CONFLICT while the speaker has claims.' })
  @Authorized(PERMISSIONS.deleteSpeaker)
  deleteSpeaker(@Arg('id', () => ID) id: string, @Args() { reason }: ReasonArgs, @Ctx() context: Context) {
    return context.services.speakers.delete(id, writeOf(context, reason));
  }

  @FieldResolver(() => ClaimConnection, { description: "The speaker's claims, oldest first." })
  async claims(@Root() speaker: SpeakerRecord, @Args() page: PageArgs, @Ctx() { loaders }: Context) {
    return ClaimConnection.from(await loaders.claims.pageBySpeaker.load({ parentId: speaker.id, window: pageWindow(page) }));
  }
}
