import { InvalidInput } from '../../../errors/domain-errors';
import { cutTrace, orderTraceNodes, traceOptions, type TraceRequest } from '../trace.options';

// As the API's edge passes it on: checked and lower-cased (errors/graphql-edge.ts).
const ID = '0190a000-0000-7000-8000-000000000001';

function fieldOfError(request: TraceRequest): unknown {
  try {
    traceOptions(request);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInput);
    return (error as InvalidInput).field;
  }
  throw new Error('expected an InvalidInput');
}

describe('traceOptions', () => {
  it('fills in the defaults for omitted and null arguments', () => {
    const defaults = { claimId: ID, depth: 3, direction: 'REBUTTALS', stances: null, maxNodes: 500 };
    expect(traceOptions({ claimId: ID })).toEqual(defaults);
    expect(traceOptions({ claimId: ID, depth: null, direction: null, stances: null, maxNodes: null })).toEqual(defaults);
  });

  it('keeps the limits themselves and removes repeated stances', () => {
    expect(traceOptions({ claimId: ID, depth: 0, maxNodes: 1, stances: ['REFUTES', 'REFUTES', 'QUALIFIES'] })).toMatchObject({
      depth: 0,
      maxNodes: 1,
      stances: ['REFUTES', 'QUALIFIES'],
    });
    expect(traceOptions({ claimId: ID, depth: 10, maxNodes: 5000, stances: [] })).toMatchObject({ depth: 10, maxNodes: 5000, stances: [] });
  });

  it.each<[TraceRequest, string]>([
    [{ claimId: ID, depth: 11 }, 'depth'],
    [{ claimId: ID, depth: -1 }, 'depth'],
    [{ claimId: ID, depth: 1.5 }, 'depth'],
    [{ claimId: ID, maxNodes: 5001 }, 'maxNodes'],
    [{ claimId: ID, maxNodes: 0 }, 'maxNodes'],
  ])('refuses %j naming %s', (request, field) => {
    expect(fieldOfError(request)).toBe(field);
  });
});

describe('cutTrace', () => {
  const rows = (...depths: number[]) => depths.map((depth, index) => ({ id: index, depth }));

  it('keeps everything when the walk found no claim beyond the limits', () => {
    expect(cutTrace(rows(0, 1, 1, 2), { depth: 2, maxNodes: 4 })).toEqual({ nodes: rows(0, 1, 1, 2), truncated: false });
  });

  it('drops the claim a step beyond depth and says the trace was cut', () => {
    expect(cutTrace(rows(0, 1, 2), { depth: 1, maxNodes: 10 })).toEqual({ nodes: rows(0, 1), truncated: true });
  });

  it('drops the claim beyond maxNodes and says the trace was cut', () => {
    expect(cutTrace(rows(0, 1, 1, 1), { depth: 3, maxNodes: 3 })).toEqual({ nodes: rows(0, 1, 1), truncated: true });
  });
});

describe('orderTraceNodes', () => {
  const node = (id: string, depth: number, statedAt: string | null) => ({
    depth,
    claim: { id, statedAt: statedAt ? new Date(statedAt) : null },
  });
  const nodes = [
    node('a', 0, '2019-02-01'),
    node('c', 1, null),
    node('b', 1, '2019-01-15'),
    node('d', 2, '2019-02-01'),
    node('e', 1, null),
  ];
  const ids = (list: { claim: { id: string } }[]) => list.map((item) => item.claim.id).join('');

  it('orders by depth, then id', () => {
    expect(ids(orderTraceNodes(nodes, 'DEPTH'))).toBe('abced');
  });

  it('orders by statedAt as a timeline, undated last, ties by id', () => {
    expect(ids(orderTraceNodes(nodes, 'STATED_AT'))).toBe('badce');
  });

  it('leaves its input alone', () => {
    orderTraceNodes(nodes, 'STATED_AT');
    expect(ids(nodes)).toBe('acbde');
  });
});
