// PGlite is single-process: two processes opening one data directory corrupt it. Every process that opens the embedded
// database takes this lock first (an exclusive lock file beside the directory), and a second one is refused with a
// message that says who holds it.
//
// Whether a lock's holder still lives: its pid means something only in the pid namespace it was written in (two
// containers sharing a volume may both run as pid 1, and `kill(1, 0)` in one says nothing of the other). So the lock
// records where it was taken (host, kernel boot, pid namespace) and the holder keeps a heartbeat, the lock file's
// modification time, refreshed every few seconds. A lock from this pid namespace is live while its pid is, and is
// taken at once when the pid is dead; a lock from anywhere else is live while its heartbeat is fresh, whatever its pid
// says, and is taken over once the heartbeat has stopped for several intervals. (A holder whose event loop is blocked
// longer than that could lose its lock: nothing in claimtrace blocks for half a minute.)
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** How often a holder refreshes its heartbeat. */
export const HEARTBEAT_MS = 5_000;
/** A lock from another pid namespace whose heartbeat is older than this is taken to be dead (six missed beats). */
export const STALE_AFTER_MS = 30_000;

interface Identity {
  host: string;
  /** The kernel boot (Linux's boot_id): pid namespaces are told apart within one boot only. */
  bootId?: string;
  /** The pid namespace, as /proc/self/ns/pid names it ("pid:[4026531836]"). */
  pidNamespace?: string;
}

export interface LockOwner extends Partial<Identity> {
  pid: number;
  command: string;
  startedAt: string;
  /** This acquisition's own id (absent in locks written before heartbeats). */
  instanceId?: string;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}

function localIdentity(): Identity {
  let pidNamespace: string | undefined;
  try {
    pidNamespace = fs.readlinkSync('/proc/self/ns/pid');
  } catch {
    pidNamespace = undefined; // not Linux: the host name is all there is
  }
  return { host: os.hostname(), bootId: readText('/proc/sys/kernel/random/boot_id'), pidNamespace };
}

/** Whether `owner`'s pid is one of ours to ask the kernel about. Locks written before identities were: written here. */
function sameNamespace(owner: LockOwner, own: Identity): boolean {
  if (owner.bootId === undefined && owner.pidNamespace === undefined && owner.host === undefined) return true;
  if (owner.bootId && owner.pidNamespace && own.bootId && own.pidNamespace) {
    return owner.bootId === own.bootId && owner.pidNamespace === own.pidNamespace;
  }
  return owner.host === own.host && owner.pidNamespace === own.pidNamespace;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
    heartbeatAgoMs: number,
  ) {
    const where = owner.host && owner.host !== os.hostname() ? ` on ${owner.host}` : '';
    super(
      `The embedded database at ${dataDir} is in use by another claimtrace process ` +
        `(pid ${owner.pid}, "${owner.command}", since ${owner.startedAt}${where}; last heartbeat ${Math.round(heartbeatAgoMs / 1000)} s ago). ` +
        'Only one process can open it at a time: a running server has already migrated and seeded it at start, ' +
        'so stop that server (Ctrl-C) before running this command, or point DATABASE_URL at a PostgreSQL server.',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  release(): void;
}

export interface DataDirLockOptions {
  heartbeatMs?: number;
  staleAfterMs?: number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseOwner(text: string | undefined): LockOwner | undefined {
  try {
    const owner = JSON.parse(text ?? '') as LockOwner;
    return typeof owner.pid === 'number' ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** The lock file as found: its text, what it says, and how long ago its heartbeat beat; undefined when there is none. */
function inspect(lockPath: string): { text: string; owner: LockOwner | undefined; heartbeatAgoMs: number } | undefined {
  try {
    const { mtimeMs } = fs.statSync(lockPath);
    const text = fs.readFileSync(lockPath, 'utf8');
    return { text, owner: parseOwner(text), heartbeatAgoMs: Date.now() - mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Removes the lock found, if it is still the one judged dead (`judged`, its text), so that the next attempt can create
 * one. It is first moved aside, which is atomic: of two processes taking over one dead lock at once, the later may
 * move the earlier one's fresh lock instead, sees so, and puts it back.
 */
function takeOver(lockPath: string, judged: string, instanceId: string): void {
  const aside = `${lockPath}.${instanceId}.stale`;
  try {
    fs.renameSync(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // another process moved it first
    throw error;
  }
  if (readText(aside) !== judged.trim()) {
    try {
      fs.linkSync(aside, lockPath);
    } catch {
      // Yet another lock is in place already; the one moved aside has lost it anyway.
    }
  }
  fs.rmSync(aside, { force: true });
}

export function acquireDataDirLock(dataDir: string, options: DataDirLockOptions = {}): DataDirLock {
  const { heartbeatMs = HEARTBEAT_MS, staleAfterMs = STALE_AFTER_MS } = options;
  const lockPath = `${dataDir.replace(/[\\/]+$/, '')}.lock`;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  const identity = localIdentity();
  const owner: LockOwner = {
    pid: process.pid,
    command: process.argv.slice(1).join(' '),
    startedAt: new Date().toISOString(),
    ...identity,
    instanceId: randomUUID(),
  };
  const ours = () => parseOwner(readText(lockPath))?.instanceId === owner.instanceId;

  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(owner), { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const found = inspect(lockPath);
      if (!found) continue;
      const holder = found.owner;
      const fresh = found.heartbeatAgoMs < staleAfterMs;
      if (holder && sameNamespace(holder, identity)) {
        // A pid we can ask about. One of ours is a lock this process took and did not release: it is ours again.
        if (holder.pid !== process.pid && isAlive(holder.pid)) throw new DataDirLockedError(dataDir, holder, found.heartbeatAgoMs);
      } else if (fresh) {
        // Another container or host, or a lock half written: live while its heartbeat is, whatever its pid says.
        throw new DataDirLockedError(
          dataDir,
          holder ?? { pid: Number.NaN, command: 'unknown', startedAt: 'unknown' },
          found.heartbeatAgoMs,
        );
      }
      takeOver(lockPath, found.text, owner.instanceId!);
      continue;
    }

    // Stops when the lock is no longer ours to refresh: removed, or taken over after this process was silent too long.
    const beat = (): boolean => {
      if (!ours()) return false;
      const now = new Date();
      fs.utimesSync(lockPath, now, now);
      return true;
    };
    const heartbeat = setInterval(() => {
      let beating: boolean;
      try {
        beating = beat();
      } catch {
        beating = false; // the file is gone, or the volume is: a timer must not throw
      }
      if (!beating) clearInterval(heartbeat);
    }, heartbeatMs);
    heartbeat.unref();
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        clearInterval(heartbeat);
        if (ours()) fs.rmSync(lockPath, { force: true });
      },
    };
  }
  throw new Error(`Could not lock ${dataDir}`);
}
