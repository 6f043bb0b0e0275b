import { Field, Float, ObjectType } from 'type-graphql';
import { createConnectionType } from '../../common/connection.type';
import { Claim } from '../claims/claim.type';
import type { ClaimSearchHitRecord } from './search.service';

@ObjectType({ description: 'A claim that matches a search, with how well it matches and where.' })
export class ClaimSearchHit {
  /** The claim's id: the hit's identity in the connection. */
  id!: string;

  @Field(() => Claim, { description: 'The claim that matched.' })
  claim!: ClaimSearchHitRecord['claim'];

  @Field(() => Float, {
    description: 'Relevance, from 0 to 1 (ts_rank_cd, normalised): words in the claim text weigh most, then the speaker, then the source.',
  })
  rank!: number;

  @Field({
    description:
      'An excerpt of the claim text, HTML-escaped, with the matching words wrapped in <mark>…</mark>. ' +
      'When only the speaker or source matched, the opening words of the text, without marks.',
  })
  snippet!: string;
}

export const ClaimSearchHitConnection = createConnectionType('ClaimSearchHit', ClaimSearchHit);
