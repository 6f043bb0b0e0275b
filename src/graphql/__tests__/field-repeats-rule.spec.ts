import { buildSchema, parse, validate } from 'graphql';
import { fieldRepeatsRule, type FieldRepeat } from '../field-repeats-rule';

const schema = buildSchema('type Query { a: Int b: Int q: Query }');

function worstRepeat(query: string, max = 3): Omit<FieldRepeat, 'node'> | undefined {
  let found: FieldRepeat | undefined;
  const errors = validate(schema, parse(query), [fieldRepeatsRule(max, (_context, repeat) => (found = repeat))]);
  expect(errors).toEqual([]);
  return found && { responseKey: found.responseKey, count: found.count };
}

describe('fieldRepeatsRule', () => {
  it('reports the most repeated response key of any selection set, once, when it is over the limit', () => {
    expect(worstRepeat('{ a a a }')).toBeUndefined();
    expect(worstRepeat('{ a a a a b b b b b }')).toEqual({ responseKey: 'b', count: 5 });
    expect(worstRepeat('{ q { a a a a } x: a x: a }')).toEqual({ responseKey: 'a', count: 4 });
    expect(worstRepeat(`{ ${'__typename '.repeat(500)} }`)).toEqual({ responseKey: '__typename', count: 500 });
  });

  it('counts by response key: an alias is another key, the same alias again is the same', () => {
    expect(worstRepeat('{ a x: a y: a z: a }')).toBeUndefined();
    expect(worstRepeat('{ x: a x: a x: a x: a }')).toEqual({ responseKey: 'x', count: 4 });
  });

  it('counts the fields that inline fragments and fragment spreads bring, each spread anew', () => {
    expect(worstRepeat('{ a ... on Query { a } ... on Query { a ... on Query { a } } }')).toEqual({ responseKey: 'a', count: 4 });
    expect(worstRepeat('{ ...F ...F ...F ...F } fragment F on Query { a }')).toEqual({ responseKey: 'a', count: 4 });
    // Fragments within fragments multiply: 2 × 2 × 2 = 8 of `a` in the operation's selection set.
    expect(worstRepeat('{ ...F1 ...F1 } fragment F1 on Query { ...F2 ...F2 } fragment F2 on Query { a a }')).toEqual({
      responseKey: 'a',
      count: 8,
    });
  });

  it('ends on a cycle of fragments (which NoFragmentCyclesRule reports)', () => {
    let found: FieldRepeat | undefined;
    const document = parse('{ ...A } fragment A on Query { a ...B } fragment B on Query { a ...A }');
    validate(schema, document, [fieldRepeatsRule(1, (_context, repeat) => (found = repeat))]);
    expect(found).toMatchObject({ responseKey: 'a', count: 2 });
  });
});
