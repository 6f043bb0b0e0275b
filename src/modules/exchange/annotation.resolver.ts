// Appearance.annotation: the appearance as a W3C Web Annotation, the document `npm run export -- --format annotations`
// writes for it (web-annotation.ts builds both). Kept with the exchange formats; type-graphql merges the field into
// the Appearance type.
import { GraphQLJSON } from 'graphql-scalars';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Appearance } from '../appearances/appearance.type';
import type { AppearanceRecord } from '../appearances/appearance.service';
import { buildWebAnnotation, type WebAnnotation } from './web-annotation';

@Resolver(() => Appearance)
export class AppearanceAnnotationResolver {
  @FieldResolver(() => GraphQLJSON, {
    description:
      'The appearance as a W3C Web Annotation (https://www.w3.org/TR/annotation-model/) in JSON-LD: motivation identifying, ' +
      'the claim (its words, by its speaker, and its urn:uuid) as the body, the source with TextQuoteSelector and ' +
      'TextPositionSelector (and a Media Fragments time range for a recording) as the target, and claimtrace:verification; ' +
      'the document the annotations export writes (docs/import-export.md).',
  })
  async annotation(@Root() root: AppearanceRecord, @Ctx() { loaders }: Context): Promise<WebAnnotation> {
    // The whole row, whatever columns the read that produced this appearance selected (batched: one statement a page).
    const appearance = (await loaders.appearances.byId.load(root.id)) ?? root;
    const [claim, source] = await Promise.all([
      loaders.claims.byId.load(appearance.claimId),
      loaders.sources.byId.load(appearance.sourceId),
    ]);
    if (!claim || !source) throw new Error(`Appearance ${appearance.id} names a claim or source that does not exist`);
    const speaker = await loaders.speakers.byId.load(claim.speakerId);
    if (!speaker) throw new Error(`Claim ${claim.id} names speaker ${claim.speakerId}, which does not exist`);
    return buildWebAnnotation({ appearance, claim, speaker, source });
  }
}
