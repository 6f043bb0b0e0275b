// A TCP proxy between the server and PostgreSQL that a test or a benchmark controls, to simulate a database outage
// without touching the machine's PostgreSQL: `cut()` drops every connection through it and refuses new ones until
// `restore()`. Hand-written because it is ~60 lines of node:net and no maintained package offers cut/restore.
import net from 'node:net';

export interface TcpProxy {
  /** The proxy's own port on 127.0.0.1. */
  readonly port: number;
  /** Destroys every open connection and refuses new ones (as a database that went down does). */
  cut(): void;
  /**
   * Stops forwarding, as a network partition or a hung server does: open connections stay open but carry nothing
   * more, and new ones are accepted and never answered. Clients wait until their own timeouts give up.
   */
  stall(): void;
  /** Accepts connections again and forwards them to the target. */
  restore(): void;
  /** Whether connections are refused (or stalled) now. */
  readonly isCut: boolean;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }, listenPort = 0): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let cut = false;
  let stalled = false;
  const paired = new Map<net.Socket, net.Socket>();
  const server = net.createServer((client) => {
    if (stalled) {
      open.add(client);
      client.on('error', () => client.destroy()).on('close', () => open.delete(client));
      return;
    }
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    open.add(client);
    open.add(upstream);
    paired.set(client, upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
      paired.delete(client);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  const dropAll = () => {
    for (const socket of open) socket.destroy();
    open.clear();
    paired.clear();
  };
  return {
    port,
    get isCut() {
      return cut;
    },
    cut() {
      cut = true;
      dropAll();
    },
    stall() {
      cut = true;
      stalled = true;
      for (const [client, upstream] of paired) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
    restore() {
      // Stalled connections are dropped: what they carried meanwhile is lost.
      if (stalled) dropAll();
      cut = false;
      stalled = false;
    },
    close() {
      cut = true;
      stalled = false;
      dropAll();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The URL with its host and port replaced by the proxy's. */
export function urlThroughProxy(url: string, proxy: Pick<TcpProxy, 'port'>): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(proxy.port);
  return parsed.toString();
}
