import { graphql, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { AuthChecker } from 'type-graphql';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  ObjectType,
  Query,
  Resolver,
  Root,
  UseMiddleware,
  buildSchema,
  type MiddlewareFn,
} from 'type-graphql';
import { callFieldResolversDirectly } from '../direct-field-resolvers';
import { buildAppSchema } from '../schema';

@ObjectType()
class Owner {
  @Field()
  name!: string;
}

@ObjectType()
class Widget {
  @Field(() => ID)
  id!: string;

  owner!: OwnerRecord;
}

interface OwnerRecord {
  name: string;
}

interface WidgetRecord {
  id: string;
  owner: OwnerRecord;
}

interface WidgetContext {
  calls: string[];
  /** Whether the auth checker lets the request see Widget.secret. */
  insider?: boolean;
}

const authChecker: AuthChecker<WidgetContext> = ({ context }) => context.insider === true;

const record: WidgetRecord = { id: 'w1', owner: { name: 'Ann' } };
const shout: MiddlewareFn = async (_, next) => String(await next()).toUpperCase();

@Resolver(() => Widget)
class WidgetResolver {
  private readonly greeting = 'owned by';

  @Query(() => [Widget])
  widgets(): WidgetRecord[] {
    return [record];
  }

  @FieldResolver(() => Owner)
  owner(@Ctx() context: WidgetContext, @Root() widget: WidgetRecord) {
    context.calls.push(widget.id);
    return widget.owner;
  }

  @FieldResolver(() => String)
  summary(@Root('owner') owner: OwnerRecord, @Info() info: { fieldName: string }, @Ctx('calls') calls: string[]) {
    calls.push(info.fieldName);
    return `${this.greeting} ${owner.name}`;
  }

  @FieldResolver(() => String)
  label(@Root() widget: WidgetRecord, @Arg('prefix') prefix: string) {
    return `${prefix}${widget.id}`;
  }

  @FieldResolver(() => String)
  asInstance(@Root() widget: Widget) {
    return widget instanceof Widget ? 'converted' : 'plain';
  }

  @FieldResolver(() => String, { nullable: true })
  @Authorized('insider')
  secret(@Root() widget: WidgetRecord) {
    return `secret of ${widget.id}`;
  }

  @FieldResolver(() => String)
  @UseMiddleware(shout)
  loud(@Root() widget: WidgetRecord) {
    return widget.owner.name;
  }
}

const QUERY = '{ widgets { id owner { name } summary label(prefix: "#") asInstance loud secret } }';
const EXPECTED = {
  widgets: [
    {
      id: 'w1',
      owner: { name: 'Ann' },
      summary: 'owned by Ann',
      label: '#w1',
      asInstance: 'converted',
      loud: 'ANN',
      secret: 'secret of w1',
    },
  ],
};

async function run(schema: GraphQLSchema, insider = true) {
  const context: WidgetContext = { calls: [], insider };
  const result = await graphql({ schema, source: QUERY, contextValue: context });
  return { result, calls: context.calls };
}

describe('callFieldResolversDirectly', () => {
  it('calls the resolvers of root, context and info directly, and leaves arguments, class roots and middlewares to type-graphql', async () => {
    const schema = await buildSchema({ resolvers: [WidgetResolver], authChecker });
    const before = await run(schema);

    expect(callFieldResolversDirectly(schema, {}).sort()).toEqual(['Widget.owner', 'Widget.summary']);

    // The same answers, each parameter in its place (a named root property, info, a named context property) and the
    // method called on its resolver instance.
    const after = await run(schema);
    expect(after.result).toEqual({ data: EXPECTED });
    expect(after).toEqual(before);
    expect(after.calls).toEqual(['w1', 'summary']);
    // A field with a role keeps type-graphql's wrapper, so the auth checker still guards it.
    const outsider = await run(schema, false);
    expect(outsider.result.data?.widgets).toEqual([{ ...EXPECTED.widgets[0], secret: null }]);
    expect(outsider.result.errors?.map((error) => error.path)).toEqual([['widgets', 0, 'secret']]);
  });

  it('changes nothing when the schema has global middlewares or a container of its own', async () => {
    const schema = await buildSchema({ resolvers: [WidgetResolver], globalMiddlewares: [async (_, next) => next()], authChecker });
    const owner = (schema.getType('Widget') as GraphQLObjectType).getFields().owner!;
    const wrapper = owner.resolve;
    expect(callFieldResolversDirectly(schema, { globalMiddlewares: [async (_, next) => next()] })).toEqual([]);
    expect(callFieldResolversDirectly(schema, { container: { get: (someClass) => new someClass() } })).toEqual([]);
    expect(owner.resolve).toBe(wrapper);
    expect((await run(schema)).result).toEqual({ data: EXPECTED });
  });

  it("reaches the app's relations that large traces resolve thousands of times", async () => {
    const changed = callFieldResolversDirectly(await buildAppSchema(), {});
    expect(changed).toEqual(
      expect.arrayContaining(['Claim.speaker', 'Claim.source', 'Rebuttal.claim', 'Rebuttal.counterclaim', 'ClaimTrace.edges']),
    );
    // Arguments are converted and validated by type-graphql.
    expect(changed).not.toEqual(expect.arrayContaining(['ClaimTrace.nodes']));
    expect(changed).not.toEqual(expect.arrayContaining(['Speaker.claims']));
  });
});
