// Relay-style connections (https://relay.dev/graphql/connections.htm) for every list: edges with cursors, nodes for
// clients that need no cursors, pageInfo, and a totalCount that is counted only when asked for.
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, encodeCursor, type Page } from './pagination';

@ArgsType()
export class PageArgs {
  // No schema default: a default first would come along with every last. One direction per request (see pageWindow).
  @Field(() => Int, {
    nullable: true,
    description: `Page forward: the first this many items (after \`after\`), at most ${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when neither first nor last is given.`,
  })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Page forward from this cursor (an edge's cursor or pageInfo.endCursor): the items after it.",
  })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Page backward: the last this many items (before \`before\`, or of the whole list), at most ${MAX_PAGE_SIZE}, in the list's order.`,
  })
  last?: number | null;

  @Field(() => String, {
    nullable: true,
    description: `Page backward from this cursor (an edge's cursor or pageInfo.startCursor): the last ${DEFAULT_PAGE_SIZE} items before it, unless last says.`,
  })
  before?: string | null;
}

@ObjectType({ description: 'Where a page sits in its list, and the cursors to ask for the pages around it.', simpleResolvers: true })
export class PageInfo {
  @Field({ description: 'More items follow this page: paging forward, counted; paging backward, true when the page ends before a cursor.' })
  hasNextPage!: boolean;

  @Field({
    description: 'More items come before this page: paging backward, counted; paging forward, true when the page starts after a cursor.',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "The first edge's cursor (pass it as before for the page before), null for an empty page.",
  })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The last edge's cursor (pass it as after for the page after), null for an empty page.",
  })
  endCursor!: string | null;
}

export interface ConnectionClass<TNode extends { id: string }> {
  new (): object;
  from(page: Page<TNode>): object;
}

/** Declares the `<Name>Connection` and `<Name>Edge` types for a node type. */
export function createConnectionType<TNode extends { id: string }>(name: string, nodeType: ClassType<TNode>): ConnectionClass<TNode> {
  @ObjectType(`${name}Edge`, { description: `A ${name} in a page, with its cursor.`, simpleResolvers: true })
  class Edge {
    @Field({ description: 'An opaque position in the list: pass it as after to read on from this item.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node!: TNode;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items (a Relay connection).`, simpleResolvers: true })
  class Connection {
    @Field(() => [Edge], { description: "The page's items with their cursors, in list order." })
    edges!: Edge[];

    @Field(() => [nodeType], { description: "The page's items without cursors, in the same order as edges." })
    nodes!: TNode[];

    @Field(() => PageInfo, { description: 'Whether more pages follow or precede, and the cursors to reach them.' })
    pageInfo!: PageInfo;

    private countTotal!: () => Promise<number>;

    @Field(() => Int, { description: 'How many items match, across all pages.' })
    totalCount(): Promise<number> {
      return this.countTotal();
    }

    static from(page: Page<TNode>): Connection {
      const connection = new Connection();
      connection.nodes = page.nodes;
      const cursorOf = (node: TNode) => (page.cursorOf ? page.cursorOf(node) : encodeCursor(node.id));
      connection.edges = page.nodes.map((node) => Object.assign(new Edge(), { cursor: cursorOf(node), node }));
      connection.pageInfo = {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: page.hasPreviousPage,
        startCursor: connection.edges[0]?.cursor ?? null,
        endCursor: connection.edges.at(-1)?.cursor ?? null,
      };
      connection.countTotal = page.totalCount;
      return connection;
    }
  }
  return Connection;
}
