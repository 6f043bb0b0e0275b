// A port already taken, found before the start-up migrates and seeds (a second `npm start` beside a running one used
// to migrate, seed and then die with an EADDRINUSE stack): said in one line, with what to do.
import net from 'node:net';

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    host: string,
  ) {
    super(
      `Port ${port} on ${host} is in use (another claimtrace, or another program): stop it, or start on another port, e.g. PORT=${port + 1} npm start`,
    );
    this.name = 'PortInUseError';
  }
}

/** Resolves when the port can be listened on (a moment later another process could still take it; listen then fails as before). */
export function checkPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, host) : error));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
