// Every part of the schema a client sees carries a description: the API reference is the schema itself (explorers
// and generated client types show these texts).
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLSchema,
} from 'graphql';
import { buildAppSchema } from '../schema';

/** The schema coordinates (Type, Type.field, Type.field(arg), Enum.VALUE) that have no description. */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (description: string | null | undefined, coordinate: string) => {
    if (!description?.trim()) missing.push(coordinate);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    check(type.description, type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(field.description, `${type.name}.${field.name}`);
        for (const arg of field.args) check(arg.description, `${type.name}.${field.name}(${arg.name}:)`);
      }
    }
    if (isInputObjectType(type))
      for (const field of Object.values(type.getFields())) check(field.description, `${type.name}.${field.name}`);
    if (isEnumType(type)) for (const value of type.getValues()) check(value.description, `${type.name}.${value.name}`);
  }
  return missing.sort();
}

describe('schema descriptions', () => {
  it('names every type, field, argument, input field and enum value that lacks one', () => {
    const schema = buildSchema(`
      """Described."""
      type Query { a(x: Int): E, """Described.""" b(i: In): Int }
      enum E { ONE, """Described.""" TWO }
      input In { f: Int }
    `);
    expect(undescribed(schema)).toEqual(['E', 'E.ONE', 'In', 'In.f', 'Query.a', 'Query.a(x:)', 'Query.b(i:)']);
  });

  it('are given for all of the schema', async () => {
    expect(undescribed(await buildAppSchema())).toEqual([]);
  });
});
