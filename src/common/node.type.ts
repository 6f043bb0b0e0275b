// The Relay Node interface over the records' own ids. Ids are UUIDv7 that no two records share across tables, so they
// are global as they are: no type prefix, and the raw UUIDs clients already hold work with node(id:).
import { Field, ID, InterfaceType } from 'type-graphql';

/** The types that are Nodes, each a table whose id is the record's UUID. */
export type NodeTypeName = 'Speaker' | 'Source' | 'Claim' | 'Rebuttal' | 'Review' | 'Appearance';

/** At most this many ids in one nodes(ids:). */
export const MAX_NODE_IDS = 100;

export const NODE_ID_DESCRIPTION = "The record's UUID, unique across all types: node(id:) finds it again.";

const nodeType = Symbol('nodeType');

/** A record as a Node: a copy tagged with its type, which resolveType reads (records are plain rows, not class instances). */
export function asNode<T extends object>(record: T, type: NodeTypeName): T & { [nodeType]: NodeTypeName } {
  return { ...record, [nodeType]: type };
}

/**
 * The type of a value of a Node field: the tag asNode() gave it. Synchronous, for graphql-jit (see schema.ts).
 * Only node(id:) and nodes(ids:) return Nodes, and both tag them; an untagged one is a bug, not a client's mistake.
 */
export function nodeTypeOf(value: { [nodeType]?: NodeTypeName }): NodeTypeName {
  const type = value[nodeType];
  if (!type) throw new Error('A Node without its type tag: return records from Node fields through asNode()');
  return type;
}

@InterfaceType({
  description: 'A record that can be fetched again by its id alone (node(id:), nodes(ids:)), as Relay and normalised caches do.',
  resolveType: nodeTypeOf,
})
export abstract class Node {
  @Field(() => ID, { description: NODE_ID_DESCRIPTION })
  id!: string;
}
