// Relay-style connections (https://relay.dev/graphql/connections.htm) for every list: edges with cursors, nodes for
// clients that need no cursors, pageInfo, and a totalCount that is counted only when asked for.
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, encodeCursor, type Page } from './pagination';

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `How many items, at most ${MAX_PAGE_SIZE}.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor (an edge cursor or pageInfo.endCursor).' })
  after?: string | null;
}

@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface ConnectionClass<TNode extends { id: string }> {
  new (): object;
  from(page: Page<TNode>): object;
}

/** Declares the `<Name>Connection` and `<Name>Edge` types for a node type. */
export function createConnectionType<TNode extends { id: string }>(name: string, nodeType: ClassType<TNode>): ConnectionClass<TNode> {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => nodeType)
    node!: TNode;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  class Connection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => [nodeType])
    nodes!: TNode[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    private countTotal!: () => Promise<number>;

    @Field(() => Int, { description: 'How many items match, across all pages.' })
    totalCount(): Promise<number> {
      return this.countTotal();
    }

    static from(page: Page<TNode>): Connection {
      const connection = new Connection();
      connection.nodes = page.nodes;
      const cursorOf = page.cursorOf ?? ((node: TNode) => encodeCursor(node.id));
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
