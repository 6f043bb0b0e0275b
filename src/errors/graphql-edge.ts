// The one place domain errors become GraphQL errors. A service names the field at fault as its use case knows it
// ("speakerId"); the edge knows the operation's field, and so which argument that came in ("input.speakerId",
// "filter.speakerId", or the argument itself). The same edge checks every ID argument, so services receive UUIDs.
import {
  GraphQLID,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { parseId } from '../common/ids';
import { AppError, BadUserInputError, ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError } from './app-errors';
import { Conflict, DomainError, InvalidInput, NotAuthenticated, NotFound, NotPermitted } from './domain-errors';

type AnyField = GraphQLField<unknown, unknown>;

/** The argument path a domain field came in: an argument of that name, else the field of an input object argument. */
export function argumentPath(field: Pick<AnyField, 'args'>, domainField: string): string {
  const head = domainField.split('.', 1)[0]!;
  if (field.args.some((arg) => arg.name === head)) return domainField;
  const holder = field.args.find((arg) => {
    const type = getNamedType(arg.type);
    return isInputObjectType(type) && head in type.getFields();
  });
  return holder ? `${holder.name}.${domainField}` : domainField;
}

/** The client's error for a domain error; `field`, the operation's field it came from, places the field at fault. */
export function toGraphQLError(error: DomainError, field?: Pick<AnyField, 'args'>): AppError {
  const options = {
    ...(error.field === undefined ? {} : { field: field ? argumentPath(field, error.field) : error.field }),
    ...(error.allowed === undefined ? {} : { allowed: error.allowed }),
  };
  if (error instanceof NotFound) return new NotFoundError(error.message, options);
  if (error instanceof Conflict) return new ConflictError(error.message, options);
  if (error instanceof InvalidInput) return new BadUserInputError(error.message, options);
  if (error instanceof NotAuthenticated) return new UnauthenticatedError(error.message);
  if (error instanceof NotPermitted) return new ForbiddenError(error.message, error.requiredRole, options);
  throw new Error(`No GraphQL error for ${error.name}`);
}

type Normalise = (value: unknown, path: string) => unknown;

/**
 * The most items each list may have (`owner.field`: an input type's field, or `.name` for an argument), as the
 * argument validation declares it (common/validation.ts): a longer list is left to its size error, which comes first.
 */
export type ListSizes = ReadonlyMap<string, number>;

/** Checks (and lower-cases) the IDs in a value of `type`; undefined when the type holds none. `key`: its ListSizes key. */
function idNormaliser(
  type: GraphQLInputType,
  key: string,
  sizes: ListSizes,
  open: Set<GraphQLInputObjectType> = new Set(),
): Normalise | undefined {
  const nullable = getNullableType(type);
  if (nullable === GraphQLID) return (value, path) => (typeof value === 'string' ? parseId(value, path) : value);
  if (isListType(nullable)) {
    const item = idNormaliser(nullable.ofType, key, sizes, open);
    const max = sizes.get(key) ?? Number.POSITIVE_INFINITY;
    return (
      item &&
      ((value, path) => (Array.isArray(value) && value.length <= max ? value.map((one, index) => item(one, `${path}.${index}`)) : value))
    );
  }
  if (!isInputObjectType(nullable) || open.has(nullable)) return undefined;
  open.add(nullable);
  const fields = Object.values(nullable.getFields()).flatMap((inputField) => {
    const normalise = idNormaliser(inputField.type, `${nullable.name}.${inputField.name}`, sizes, open);
    return normalise ? [[inputField.name, normalise] as const] : [];
  });
  open.delete(nullable);
  if (fields.length === 0) return undefined;
  return (value, path) => {
    if (value === null || typeof value !== 'object') return value;
    const record = value as Record<string, unknown>;
    const normalised = { ...record };
    for (const [name, normalise] of fields) if (record[name] != null) normalised[name] = normalise(record[name], `${path}.${name}`);
    return normalised;
  };
}

const mapped =
  (field: AnyField) =>
  (error: unknown): never => {
    throw error instanceof DomainError ? toGraphQLError(error, field) : error;
  };

/**
 * Wraps the resolver of every field with arguments: its ID arguments are checked before it runs (BAD_USER_INPUT naming
 * the argument, as "input.rebuts.0.claimId"), and the domain errors it throws are mapped with their argument paths.
 * Fields without arguments keep their resolvers (the hot relation fields of a large read); a domain error from one is
 * mapped by formatError, without an argument to place.
 */
export function mapDomainErrorsAtEdge(schema: GraphQLSchema, sizes: ListSizes): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!('getFields' in type) || isInputObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields()) as AnyField[]) {
      const resolve = field.resolve;
      if (field.args.length === 0 || !resolve) continue;
      const ids = field.args.flatMap((arg) => {
        const normalise = idNormaliser(arg.type, `.${arg.name}`, sizes);
        return normalise ? [[arg.name, normalise] as const] : [];
      });
      const fail = mapped(field);
      field.resolve = (source, args: Record<string, unknown>, context, info) => {
        try {
          let checked = args;
          if (ids.length > 0) {
            checked = { ...args };
            for (const [name, normalise] of ids) if (args[name] != null) checked[name] = normalise(args[name], name);
          }
          const result = resolve(source, checked, context, info);
          return result instanceof Promise ? result.catch(fail) : result;
        } catch (error) {
          return fail(error);
        }
      };
    }
  }
}
