import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { DEFAULT_PAGE_SIZE, listSize, MAX_PAGE_SIZE } from '../../common/pagination';
import type { Context } from '../../context';
import type { SpeakerRecord } from '../speakers/speaker.service';
import { Speaker } from '../speakers/speaker.type';
import type { SpeakerDisputeRecord } from './dispute.loaders';
import { SpeakerDispute } from './dispute.type';

/** Speaker.disputes lives with the tracing module: it reads the same rebuttal graph. */
@Resolver(() => Speaker)
export class SpeakerDisputesResolver {
  @FieldResolver(() => [SpeakerDispute], {
    description: 'The speakers who countered this speaker’s claims or whose claims this speaker countered, most rebuttals first.',
  })
  async disputes(
    @Root() speaker: SpeakerRecord,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `How many, at most ${MAX_PAGE_SIZE}.` })
    first: number | null,
    @Ctx() { loaders }: Context,
  ) {
    return (await loaders.disputes.bySpeakerId.load(speaker.id)).slice(0, listSize(first));
  }
}

@Resolver(() => SpeakerDispute)
export class SpeakerDisputeResolver {
  @FieldResolver(() => Speaker)
  speaker(@Root() dispute: SpeakerDisputeRecord, @Ctx() { loaders }: Context) {
    return loaders.speakers.byId.load(dispute.otherSpeakerId);
  }
}
