// npm run keys -- create|list|revoke: API keys for operators at the server's console. `create` prints the new key once,
// alone on the last line of stdout, so that a script can take it with `tail -n 1`; nothing stores it but its hash.
// Like import and seed, the writes (create, revoke) bring the database's schema up to date first and say so; like
// export, `list` only reads and refuses a database that lacks migrations.
import os from 'node:os';
import { ROLE_LADDER, type Role } from '../auth/roles';
import { loadConfig } from '../config';
import { DataDirLockedError } from '../db/data-dir-lock';
import { openDatabase, type Database } from '../db/database';
import { applyMigrations, pendingMigrations } from '../db/migrator';
import { encodeCursor, MAX_PAGE_SIZE } from '../common/pagination';
import { parseId } from '../common/ids';
import { AppError } from '../errors/app-errors';
import { DomainError, NotFound } from '../errors/domain-errors';
import { ApiKeyService, shownKey, type ApiKeyRecord } from '../modules/api-keys/api-key.service';
import { readCommandLine } from './command-line';
import { runCli, UsageError } from './run-cli';

const USAGE = [
  'Usage: npm run keys -- create --name NAME --role ROLE [--expires ISO-DATE-TIME]',
  '       npm run keys -- list',
  '       npm run keys -- revoke ID',
  `Roles, each with the rights of those before it: ${ROLE_LADDER.join(', ')}. --expires: e.g. 2027-06-30T18:00:00Z.`,
].join('\n');

/** A date-time with its offset: a key's expiry must not depend on the time zone of the machine that created it. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

type Command =
  { name: 'create'; key: { name: string; role: Role; expiresAt: Date | null } } | { name: 'list' } | { name: 'revoke'; id: string };

function readArguments(): Command {
  const { values, positionals } = readCommandLine(
    USAGE,
    { name: { type: 'string' }, role: { type: 'string' }, expires: { type: 'string' } },
    { min: 1, max: 2 },
  );
  const [command, id] = positionals as [string, string | undefined];
  const options = Object.keys(values).filter((option) => option !== 'help');
  const refuse = (problem: string) => new UsageError(`${problem}\n${USAGE}`);
  const noOptions = () => {
    if (options.length > 0) throw refuse(`${command} takes no options (got --${options.join(', --')})`);
  };
  switch (command) {
    case 'create': {
      if (id !== undefined) throw refuse(`Unexpected argument "${id}"`);
      const name = values.name?.trim();
      if (!name) throw refuse('create needs --name NAME (who or what will hold the key, e.g. "Jane Doe (desk)")');
      const role = values.role?.trim().toUpperCase();
      if (!ROLE_LADDER.includes(role as Role))
        throw refuse(`--role must be one of ${ROLE_LADDER.join(', ')}${values.role === undefined ? '' : ` (got "${values.role}")`}`);
      let expiresAt: Date | null = null;
      if (values.expires !== undefined) {
        expiresAt = DATE_TIME.test(values.expires) ? new Date(values.expires) : new Date(Number.NaN);
        if (Number.isNaN(expiresAt.getTime()))
          throw refuse(`--expires must be a date-time with its offset, e.g. 2027-06-30T18:00:00Z (got "${values.expires}")`);
      }
      return { name: 'create', key: { name, role: role as Role, expiresAt } };
    }
    case 'list':
      noOptions();
      if (id !== undefined) throw refuse(`Unexpected argument "${id}"`);
      return { name: 'list' };
    case 'revoke':
      noOptions();
      if (id === undefined) throw refuse('revoke needs the ID of the key (npm run keys -- list shows them)');
      return { name: 'revoke', id };
    default:
      throw refuse(`Unknown command "${command}": create, list or revoke`);
  }
}

/** Who ran the command, as the key's row and history name the actor. */
function commandActor(command: string): string {
  let user: string;
  try {
    user = os.userInfo().username;
  } catch {
    user = process.env.USER ?? 'unknown'; // a container user without a passwd entry
  }
  return `cli keys ${command} (${user}@${os.hostname()})`;
}

/** The embedded database beside a running server: the refusal says what to do instead. */
async function open(config: ReturnType<typeof loadConfig>): Promise<Database> {
  try {
    return await openDatabase(config.database);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    throw new UsageError(
      `${error.message}\nWhile the server runs, manage keys through its API instead, with an ADMIN key: ` +
        'the createApiKey and revokeApiKey mutations, and the apiKeys query.',
    );
  }
}

const instant = (date: Date | null | undefined, none: string) => (date ? `${date.toISOString().slice(0, 19)}Z` : none);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function listAll(keys: ApiKeyService): Promise<ApiKeyRecord[]> {
  const all: ApiKeyRecord[] = [];
  for (let after: string | undefined; ;) {
    const page = await keys.list({ first: MAX_PAGE_SIZE, after });
    all.push(...page.nodes);
    if (!page.hasNextPage) return all;
    after = encodeCursor(page.nodes.at(-1)!.id);
  }
}

runCli(async () => {
  const command = readArguments();
  const config = loadConfig();
  const db = await open(config);
  try {
    if (command.name === 'list') {
      const pending = await pendingMigrations(db);
      if (pending.length > 0)
        throw new UsageError(`The database lacks ${pending.length} migration(s) (${pending.join(', ')}): run npm run db:migrate first`);
    } else {
      const applied = await applyMigrations(db);
      if (applied.length > 0) console.error(`Applied ${applied.length} migration(s) first: ${applied.join(', ')}`);
    }
    const keys = new ApiKeyService(db.prisma);
    try {
      switch (command.name) {
        case 'create': {
          const { record, key } = await keys.create(command.key, commandActor('create'));
          console.log(
            [
              `Created API key ${record.id}`,
              `  name:    ${record.name}`,
              `  role:    ${record.role}`,
              `  expires: ${instant(record.expiresAt, 'never')}`,
              'Send it as the header "Authorization: Bearer <key>" (in the explorer: its headers pane; with curl: -H).',
              'It is shown only now, on the next line, and cannot be shown again: store it.',
              key,
            ].join('\n'),
          );
          break;
        }
        case 'list': {
          const records = await listAll(keys);
          if (records.length === 0) {
            console.log('No API keys. Create one: npm run keys -- create --name NAME --role ROLE');
            break;
          }
          const header = ['ID', 'PREFIX', 'NAME', 'ROLE', 'CREATED', 'EXPIRES', 'LAST USED', 'REVOKED'];
          const rows = records.map((record) => [
            record.id,
            shownKey(record),
            record.name,
            record.role,
            instant(record.createdAt, '-'),
            instant(record.expiresAt, 'never'),
            instant(record.lastUsedAt, 'never'),
            instant(record.revokedAt, 'no'),
          ]);
          console.log(table([header, ...rows]));
          break;
        }
        case 'revoke': {
          // The service answers a key revoked already with its row as it was: a revocation older than this call is that.
          const asked = Date.now();
          // The service takes a UUID, as the API's edge checks it.
          const record = await keys.revoke(parseId(command.id, 'ID'), commandActor('revoke'));
          const which = `API key ${record.id} ("${record.name}", ${record.role})`;
          console.log(
            record.revokedAt!.getTime() >= asked
              ? `Revoked ${which}. Servers running now refuse it within ${config.auth.keyCacheSeconds} s (AUTH_KEY_CACHE_SECONDS).`
              : `${which} was already revoked, on ${instant(record.revokedAt, '')} by ${record.revokedBy ?? 'unknown'}: nothing changed.`,
          );
          break;
        }
      }
    } catch (error) {
      // The service's refusals (an unknown id, an expiry in the past) are messages for the operator, not failures.
      if (error instanceof NotFound) throw new UsageError(`${error.message}: npm run keys -- list shows the keys' ids`);
      if (error instanceof AppError || error instanceof DomainError) throw new UsageError(error.message);
      throw error;
    }
  } finally {
    await db.close();
  }
});
