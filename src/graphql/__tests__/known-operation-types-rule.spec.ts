import { buildSchema, parse, validate } from 'graphql';
import { KnownOperationTypesRule } from '../known-operation-types-rule';

const schema = buildSchema('type Query { greeting: String }');
const errorsOf = (document: string) => validate(schema, parse(document), [KnownOperationTypesRule]).map((error) => error.message);

describe('KnownOperationTypesRule', () => {
  it('refuses an operation whose root type the schema lacks', () => {
    expect(errorsOf('subscription { greeting }')).toEqual(['The subscription operation is not supported by the schema.']);
    expect(errorsOf('mutation M { greeting }')).toEqual(['The mutation operation is not supported by the schema.']);
  });

  it('accepts the ones it has', () => {
    expect(errorsOf('{ greeting } query Q { greeting }')).toEqual([]);
  });
});
