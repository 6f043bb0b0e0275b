import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PERMISSIONS } from '../../auth/permissions';
import { PageArgs } from '../../common/connection.type';
import type { Context } from '../../context';
import { CreateApiKeyInput } from './api-key.input';
import { shownKey, type ApiKeyRecord } from './api-key.service';
import { ApiKey, ApiKeyConnection, CreatedApiKey, Viewer } from './api-key.type';

/** The GraphQL shape of a key's row. */
const apiKeyOf = (record: ApiKeyRecord): ApiKey => ({ ...record, prefix: shownKey(record) });

/** How key rows name the admin who acted: the key's name and id. */
const adminOf = ({ viewer }: Context) => `key ${viewer!.keyId} (${viewer!.name})`;

@Resolver()
export class ApiKeyResolver {
  @Query(() => Viewer, { nullable: true, description: 'The API key this request was sent with; null when anonymous.' })
  viewer(@Ctx() { viewer }: Context): Viewer | null {
    return viewer && { id: viewer.keyId, name: viewer.name, role: viewer.role };
  }

  @Query(() => ApiKeyConnection, { description: 'Every API key, revoked and expired ones included, oldest first. ADMIN only.' })
  @Authorized(PERMISSIONS.apiKeys)
  async apiKeys(@Args() page: PageArgs, @Ctx() { services }: Context) {
    const { nodes, hasNextPage, hasPreviousPage, totalCount } = await services.apiKeys.list(page);
    return ApiKeyConnection.from({ nodes: nodes.map(apiKeyOf), hasNextPage, hasPreviousPage, totalCount });
  }

  @Mutation(() => CreatedApiKey, { description: 'Creates an API key and returns it, the only time it is shown. ADMIN only.' })
  @Authorized(PERMISSIONS.createApiKey)
  async createApiKey(
    @Arg('input', { description: 'The new key.' }) input: CreateApiKeyInput,
    @Ctx() context: Context,
  ): Promise<CreatedApiKey> {
    const { record, key } = await context.services.apiKeys.create(input, adminOf(context));
    return { apiKey: apiKeyOf(record), key };
  }

  @Mutation(() => ApiKey, {
    description: 'Revokes an API key: it stops working at once on this server, within seconds on others. ADMIN only.',
  })
  @Authorized(PERMISSIONS.revokeApiKey)
  async revokeApiKey(
    @Arg('id', () => ID, { description: 'The key to revoke (ApiKey.id).' }) id: string,
    @Ctx() context: Context,
  ): Promise<ApiKey> {
    const record = await context.services.apiKeys.revoke(id, adminOf(context));
    context.authenticator.forget(record.id);
    return apiKeyOf(record);
  }
}
