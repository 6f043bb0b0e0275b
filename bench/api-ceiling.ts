// bench:api's ceiling: what the two pages cost served by hand, node:http and a pg pool, one SQL statement per request
// building the whole JSON in PostgreSQL, passed through as text. It answers POST /graphql with the same operations'
// data (told apart by operationName), so that the load generator sends it the very requests it sends the GraphQL
// servers. Run as its own process: `node dist/bench/api-ceiling.js` with DATABASE_URL, PORT and POOL_SIZE; it prints
// "listening" once it serves.
import http from 'node:http';
import { Pool } from 'pg';
import { PAGES } from './api-pages';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });
const byOperation = new Map(PAGES.map((page) => [page.operationName, page]));

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const fail = (status: number, message: string) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ message }] }));
    };
    let body: { operationName?: string; variables?: { id?: string } };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      return fail(400, 'Bad JSON');
    }
    const page = byOperation.get(body.operationName ?? '');
    if (!page) return fail(400, `Unknown operation ${body.operationName}`);
    pool.query<{ data: string }>({ text: page.ceilingSql, values: page.name === 'claimPage' ? [body.variables?.id] : [] }).then(
      ({ rows }) => {
        const text = `{"data":{"${page.rootField}":${rows[0]?.data ?? 'null'}}}`;
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        response.end(text);
      },
      (error: Error) => fail(500, error.message),
    );
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
process.on('SIGTERM', () => server.close(() => void pool.end()));
