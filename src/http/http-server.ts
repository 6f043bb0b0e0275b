// Node's HTTP server with the edge's limits: a client must send its headers within headersTimeoutMs and its whole
// request within requestTimeoutMs (Node answers 408 and closes the connection: slowloris clients and never-ending
// bodies), an idle keep-alive connection is closed after keepAliveTimeoutMs, and beyond maxConnections a new
// connection is closed at once. Node checks the first two every connectionsCheckingInterval, 30 s by default, so a
// slow client could hold a connection that much longer than its timeout; a second keeps the bound close.
import http from 'node:http';
import type { HttpConfig } from '../config';

const CONNECTIONS_CHECKING_INTERVAL_MS = 1_000;

export function createHttpServer(config: HttpConfig): http.Server {
  const server = http.createServer({
    headersTimeout: config.headersTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.min(CONNECTIONS_CHECKING_INTERVAL_MS, config.headersTimeoutMs),
  });
  server.maxConnections = config.maxConnections;
  return server;
}
