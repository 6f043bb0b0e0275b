import { Field, Int, ObjectType } from 'type-graphql';
import { Speaker } from '../speakers/speaker.type';

@ObjectType({ description: 'Another speaker a speaker disputes with, and how often each has countered the other.' })
export class SpeakerDispute {
  @Field(() => Speaker, { description: 'The other side.' })
  speaker!: Speaker;

  @Field(() => Int, { description: 'Rebuttals in which a claim of `speaker` counters a claim of this speaker.' })
  rebuttalsReceived!: number;

  @Field(() => Int, { description: 'Rebuttals in which a claim of this speaker counters a claim of `speaker`.' })
  rebuttalsMade!: number;
}
