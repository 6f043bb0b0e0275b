import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Role } from '../../auth/roles';
import { createConnectionType } from '../../common/connection.type';
import { CREATED_AT_DESCRIPTION } from '../../common/descriptions';

registerEnumType(Role, {
  name: 'Role',
  description: 'What an API key may do; each role has the rights of those before it.',
  valuesConfig: {
    VIEWER: { description: 'Reads (needed only when the server refuses anonymous reads).' },
    EDITOR: { description: 'Records speakers, sources, claims and rebuttals.' },
    REVIEWER: { description: 'Writes reviews and moves claims through the review workflow up to REVIEWED.' },
    PUBLISHER: { description: 'Publishes and retracts claims, and corrects published verdicts.' },
    ADMIN: { description: 'Manages API keys and may delete records.' },
  },
});

@ObjectType({ description: 'An API key, without its secret (shown once, when it is created).', simpleResolvers: true })
export class ApiKey {
  @Field(() => ID, { description: "The key's id (Viewer.id, HistoryActor.keyId); revokeApiKey takes it." })
  id!: string;

  @Field({ description: 'Who or what holds it; history names the writes made with it so.' })
  name!: string;

  @Field(() => Role, { description: 'What the key may do.' })
  role!: Role;

  @Field({ description: 'The key\'s public start, "ctk_<lookup id>_…", to match a key seen in a log or a config to this row.' })
  prefix!: string;

  @Field({ description: CREATED_AT_DESCRIPTION })
  createdAt!: Date;

  @Field({ description: "Who created it: an admin's key, or the command run on the server." })
  createdBy!: string;

  @Field(() => Date, { nullable: true, description: 'When it stops working (UTC); null when it never expires.' })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it last authenticated a request, to the minute.' })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was revoked (UTC); null while it is not.' })
  revokedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "Who revoked it: an admin's key, or the command run on the server; null while not revoked.",
  })
  revokedBy!: string | null;
}

@ObjectType({ description: 'A key just created: the only time its secret is shown.', simpleResolvers: true })
export class CreatedApiKey {
  @Field(() => ApiKey, { description: 'The key as apiKeys lists it, without its secret.' })
  apiKey!: ApiKey;

  @Field({ description: 'The whole key, to send as Authorization: Bearer <key>. Store it now: it cannot be shown again.' })
  key!: string;
}

@ObjectType({ description: 'Who is asking: the API key the request was sent with.', simpleResolvers: true })
export class Viewer {
  @Field(() => ID, { description: "The key's id (history's actorId)." })
  id!: string;

  @Field({ description: "The key's name: who or what holds it." })
  name!: string;

  @Field(() => Role, { description: 'What the request may do.' })
  role!: Role;
}

export const ApiKeyConnection = createConnectionType('ApiKey', ApiKey);
