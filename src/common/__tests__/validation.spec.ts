import { ARRAY_MAX_SIZE, getMetadataStorage as getValidationMetadata } from 'class-validator';
import { getMetadataStorage } from 'type-graphql';
import { buildAppSchema } from '../../graphql/schema';

describe('list arguments and input fields', () => {
  it('each declare their @ArrayMaxSize, so that validation checks the size before the items', async () => {
    await buildAppSchema();
    const storage = getMetadataStorage();
    const lists: string[] = [];
    const unbounded: string[] = [];
    for (const type of [...storage.inputTypes, ...storage.argumentTypes]) {
      const rules = getValidationMetadata().getTargetValidationMetadatas(type.target, '', true, false);
      for (const field of type.fields ?? []) {
        if (!field.typeOptions.array) continue;
        lists.push(`${type.name}.${field.name}`);
        if (!rules.some((rule) => rule.propertyName === field.name && rule.name === ARRAY_MAX_SIZE))
          unbounded.push(`${type.name}.${field.name}`);
      }
    }
    expect(unbounded).toEqual([]);
    // The check finds the lists there are (so that it cannot pass by finding none).
    expect(lists).toEqual(
      expect.arrayContaining(['SpeakerDetailsInput.aliases', 'CreateClaimInput.rebuts', 'ClaimFilter.reviewStatus', 'TraceArgs.stances']),
    );
    // A single @Arg cannot carry a size rule: a list argument goes in an @Args class.
    const listArgs = [...storage.queries, ...storage.mutations, ...storage.fieldResolvers]
      .flatMap((resolver) => resolver.params ?? [])
      .filter((param) => param.kind === 'arg' && param.typeOptions.array);
    expect(listArgs).toEqual([]);
  });
});
