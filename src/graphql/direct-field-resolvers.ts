// Class field resolvers called directly. type-graphql runs each @FieldResolver method through a wrapper that, on every
// call, builds a resolver-data object and a closure, sorts the method's parameter list anew (Array.prototype.sort
// copies it) and maps it to arguments. A trace of hundreds of claims makes thousands of such calls (Claim.speaker,
// Rebuttal.claim, Rebuttal.counterclaim): a quarter of what the request allocated (heap sampling, 765-claim trace), and
// the garbage collections that come with it.
import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { getMetadataStorage, type BuildSchemaOptions } from 'type-graphql';

type ResolverParams = NonNullable<ReturnType<typeof getMetadataStorage>['fieldResolvers'][number]['params']>;
type ParamValue = (root: unknown, context: unknown, info: unknown) => unknown;

/**
 * Replaces type-graphql's wrapper with a direct call of the resolver method for every field resolver whose parameters
 * are only @Root, @Ctx and @Info (without a type to convert the root to), with no middlewares or roles. Any other
 * (arguments to convert and validate, middlewares, a role to check) keeps the wrapper. An auth checker does not stop
 * it: type-graphql runs the checker only on fields with roles (@Authorized), which keep their wrapper. Returns the
 * fields it changed.
 */
export function callFieldResolversDirectly(
  schema: GraphQLSchema,
  options: Pick<BuildSchemaOptions, 'globalMiddlewares' | 'container'>,
): string[] {
  // Global middlewares run inside the wrapper: none may be skipped. A container of the caller's makes the resolver
  // instances, which this could not.
  if (options.globalMiddlewares?.length || options.container) return [];
  const storage = getMetadataStorage();
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql keys its metadata by class, typed Function
  const resolverInstances = new Map<Function, Record<string, (...args: unknown[]) => unknown>>();
  const changed: string[] = [];
  for (const resolver of storage.fieldResolvers) {
    if (resolver.kind !== 'external' || !resolver.getObjectType || resolver.middlewares?.length || resolver.roles?.length) continue;
    const paramValues = directParamValues(resolver.params ?? []);
    if (!paramValues) continue;
    const objectType = resolver.getObjectType();
    const typeName = storage.objectTypes.find((type) => type.target === objectType)?.name;
    const type = typeName === undefined ? undefined : schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[resolver.schemaName] : undefined;
    if (!field) continue;
    // type-graphql's default container likewise makes one instance of each resolver class; ours keep no state.
    const target = resolver.target as new () => Record<string, (...args: unknown[]) => unknown>;
    let instance = resolverInstances.get(target);
    if (!instance) resolverInstances.set(target, (instance = new target()));
    const method = instance[resolver.methodName]!;
    const receiver = instance;
    const resolve: GraphQLFieldResolver<unknown, unknown> = (root, _args, context, info) => {
      const values = new Array<unknown>(paramValues.length);
      for (let i = 0; i < paramValues.length; i += 1) values[i] = paramValues[i]!(root, context, info);
      return method.apply(receiver, values);
    };
    field.resolve = resolve;
    changed.push(`${typeName}.${resolver.schemaName}`);
  }
  return changed;
}

/** How to get each parameter of the method, in order; undefined when one needs type-graphql's own handling. */
function directParamValues(params: ResolverParams): ParamValue[] | undefined {
  const sorted = [...params].sort((a, b) => a.index - b.index);
  if (sorted.some((param, position) => param.index !== position)) return undefined;
  const values: ParamValue[] = [];
  for (const param of sorted) {
    switch (param.kind) {
      case 'root': {
        // A root typed as a class is converted to an instance of it by type-graphql; a plain record (Object) is not.
        if (param.getType && param.getType() !== Object) return undefined;
        const property = param.propertyName;
        values.push(property === undefined ? (root) => root : (root) => (root as Record<string, unknown>)[property]);
        break;
      }
      case 'context': {
        const property = param.propertyName;
        values.push(
          property === undefined ? (_root, context) => context : (_root, context) => (context as Record<string, unknown>)[property],
        );
        break;
      }
      case 'info':
        values.push((_root, _context, info) => info);
        break;
      default:
        return undefined;
    }
  }
  return values;
}
