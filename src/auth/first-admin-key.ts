// The first start in development: a database without any API key gets an ADMIN key, printed once, so that a new user
// following the README reaches the example mutations without first learning the keys command. Printed as plain lines
// (not inside a JSON log line) so that it can be read and copied; stored, like every key, only as a hash. Outside
// development nothing is created: a production server must not mint an admin key nobody asked for.
import type { Config } from '../config';
import type { DbClient } from '../db/database';
import type { Logger } from '../logger';
import { ApiKeyService } from '../modules/api-keys/api-key.service';
import { Role } from './roles';

export const FIRST_ADMIN_KEY_NAME = 'first admin (created at first start)';

export interface FirstAdminKeyOptions {
  prisma: DbClient;
  config: Pick<Config, 'nodeEnv'>;
  logger: Pick<Logger, 'info'>;
  /** Where the key is printed (stdout). */
  write: (text: string) => void;
  /** The server's URL (http://host:port/), for the explorer and curl lines. */
  url: string;
}

/**
 * Creates and prints the first admin key when the database holds no key at all (revoked ones count: a database whose
 * keys were all revoked was managed by someone) and the server runs in development; returns the key, or undefined.
 * Callers run it under the migration lock, so that two instances starting at once do not both create one.
 */
export async function ensureFirstAdminKey({ prisma, config, logger, write, url }: FirstAdminKeyOptions): Promise<string | undefined> {
  const keys = new ApiKeyService(prisma);
  if ((await keys.count()) > 0) return undefined;
  if (config.nodeEnv !== 'development') {
    logger.info(
      'no API keys exist yet: writes need one; create an ADMIN key with npm run keys -- create --name NAME --role ADMIN ' +
        '(in the Docker image: node dist/src/cli/keys.js create --name NAME --role ADMIN)',
    );
    return undefined;
  }
  const { key } = await keys.create({ name: FIRST_ADMIN_KEY_NAME, role: Role.ADMIN }, 'npm start, first start in development');
  write(firstAdminKeyText(key, url));
  return key;
}

function firstAdminKeyText(key: string, url: string): string {
  const graphql = `${url}graphql`;
  const body = JSON.stringify({ query: '{ viewer { name role } }' });
  return [
    '',
    `The database had no API keys, so this first start in development created an ADMIN key, "${FIRST_ADMIN_KEY_NAME}":`,
    '',
    `    ${key}`,
    '',
    'It is shown only now and will not be shown again: store it. Send it with each request that writes:',
    `  in the explorer (${graphql}): the headers pane at the bottom, Authorization = Bearer ${key}`,
    `  with curl: curl ${graphql} -H 'content-type: application/json' -H 'Authorization: Bearer ${key}' -d '${body}'`,
    'More keys: npm run keys -- create --name NAME --role ROLE (with the server stopped, on the embedded database),',
    'or the createApiKey mutation sent with this key. npm run keys -- list and revoke ID manage them.',
    '',
    '',
  ].join('\n');
}
