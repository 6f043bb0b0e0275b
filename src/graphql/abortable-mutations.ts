import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import type { Context } from '../context';

/**
 * Root mutation fields run one after another, each in a transaction of its own. Once the request's signal is aborted
 * (its time budget spent, its client gone) the executor has already answered, so the mutations not yet started are
 * refused with the signal's reason instead of writing for a response nobody reads. (Nested fields stop through the
 * loaders, see common/loaders.ts; root query fields all start at once, before any budget can run out.)
 */
export function refuseMutationsOnceAborted(schema: GraphQLSchema): void {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args, context: Context, info) => {
      context.signal.throwIfAborted();
      return resolve(source, args, context, info);
    };
  }
}
