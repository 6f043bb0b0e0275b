import { getNamedType, isInputObjectType, type GraphQLArgument, type GraphQLInputField } from 'graphql';
import { TEXT_KIND_EXTENSION } from '../../common/text-rules';
import { buildAppSchema } from '../schema';

describe('the text kinds of the schema', () => {
  it('mark exactly the free-text arguments and input fields; every other string is a line', async () => {
    const schema = await buildAppSchema();
    const freeText: string[] = [];
    const note = (where: string, definition: GraphQLArgument | GraphQLInputField) => {
      const kind = definition.extensions[TEXT_KIND_EXTENSION];
      if (kind !== undefined) freeText.push(`${where}: ${kind as string}`);
    };
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) note(`${type.name}.${field.name}`, field);
      else if ('getFields' in type) {
        for (const field of Object.values(type.getFields()))
          for (const arg of 'args' in field ? field.args : []) note(`${type.name}.${field.name}(${arg.name})`, arg);
      }
    }
    expect(freeText.sort()).toEqual([
      'AnchorInput.exact: text',
      'AnchorInput.prefix: text',
      'AnchorInput.suffix: text',
      'ClaimFilter.text: text',
      'ClaimRebutsInput.rationale: text',
      'CreateClaimInput.text: text',
      'CreateRebuttalInput.rationale: text',
      'CreateReviewInput.summary: text',
      ...[
        'addAppearance',
        'createClaim',
        'createRebuttal',
        'createReview',
        'createSource',
        'createSpeaker',
        'deleteClaim',
        'deleteRebuttal',
        'deleteReview',
        'deleteSource',
      ]
        .concat([
          'deleteSpeaker',
          'removeAppearance',
          'setClaimReviewStatus',
          'setSourceContent',
          'updateAppearance',
          'updateClaim',
          'updateRebuttal',
          'updateReview',
          'updateSource',
          'updateSpeaker',
        ])
        .map((mutation) => `Mutation.${mutation}(reason): text`),
      'Query.searchClaims(query): text',
      'SetSourceContentInput.content: text',
      'UpdateClaimInput.text: text',
      'UpdateRebuttalInput.rationale: text',
      'UpdateReviewInput.summary: text',
    ]);
    // Only strings carry a kind.
    for (const entry of freeText) expect(entry).toMatch(/: text$/);
    expect(
      getNamedType(
        schema
          .getQueryType()!
          .getFields()
          .searchClaims!.args.find((arg) => arg.name === 'query')!.type,
      ).name,
    ).toBe('String');
  });
});
