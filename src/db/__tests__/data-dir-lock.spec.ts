import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { until } from '../../../test/helpers/wait';
import { acquireDataDirLock, DataDirLockedError, STALE_AFTER_MS, type LockOwner } from '../data-dir-lock';

describe('the embedded database lock', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtrace-lock-'));
  const dataDir = path.join(dir, 'pglite');
  const lockPath = `${dataDir}.lock`;
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(() => fs.rmSync(lockPath, { force: true }));

  const readLock = () => JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockOwner;
  /** Our own lock's record, as another process's would read. */
  const ownRecord = (): LockOwner => {
    const lock = acquireDataDirLock(dataDir);
    const record = readLock();
    lock.release();
    return record;
  };
  /** Writes a lock file as another holder would, its heartbeat `ageMs` old. */
  const writeLock = (owner: LockOwner, ageMs = 0) => {
    fs.writeFileSync(lockPath, JSON.stringify(owner));
    const beat = new Date(Date.now() - ageMs);
    fs.utimesSync(lockPath, beat, beat);
  };
  const DEAD_PID = 2 ** 22 + 1;

  it('records who holds it and where, and is removed on release()', () => {
    const lock = acquireDataDirLock(dataDir);
    const owner = readLock();
    expect(owner).toMatchObject({ pid: process.pid, host: os.hostname(), instanceId: expect.any(String) });
    if (process.platform === 'linux')
      expect(owner).toMatchObject({ bootId: expect.any(String), pidNamespace: expect.stringMatching(/^pid:\[\d+\]$/) });
    lock.release();
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  it('is exclusive while a holder in this pid namespace lives, and release() leaves a lock that is not its own', () => {
    const lock = acquireDataDirLock(dataDir);
    // Another live process of this namespace holds it (our parent stands in for a running server).
    writeLock({ ...readLock(), pid: process.ppid, instanceId: 'another' });
    expect(() => acquireDataDirLock(dataDir)).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(dataDir)).toThrow(new RegExp(`pid ${process.ppid}, .*last heartbeat 0 s ago`));
    lock.release();
    expect(readLock().instanceId).toBe('another');
  });

  it('takes a lock of this pid namespace whose holder died at once, its heartbeat fresh or not', () => {
    writeLock({ ...ownRecord(), pid: DEAD_PID, instanceId: 'crashed' });
    const lock = acquireDataDirLock(dataDir);
    expect(readLock()).toMatchObject({ pid: process.pid });
    lock.release();
    // Written by a version before identities and heartbeats: read as written here.
    writeLock({ pid: DEAD_PID, command: 'crashed', startedAt: '2026-01-01T00:00:00Z' });
    acquireDataDirLock(dataDir).release();
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  it('refuses a lock from another pid namespace while its heartbeat is fresh, whatever its pid says', () => {
    // Another container on this volume, running as pid 1 as containers do; here pid 1 is someone else, or nobody.
    const container: LockOwner = { ...ownRecord(), pid: 1, host: 'api-2', pidNamespace: 'pid:[4026532999]', instanceId: 'container-2' };
    writeLock(container, 1_000);
    expect(() => acquireDataDirLock(dataDir)).toThrow(/pid 1, .* on api-2; last heartbeat 1 s ago/);
    writeLock({ ...container, pid: DEAD_PID }, 1_000);
    expect(() => acquireDataDirLock(dataDir)).toThrow(DataDirLockedError);
    expect(readLock().instanceId).toBe('container-2');
  });

  it('takes over a lock from another pid namespace once its heartbeat has stopped for several intervals', () => {
    writeLock(
      { ...ownRecord(), pid: 1, host: 'api-2', pidNamespace: 'pid:[4026532999]', instanceId: 'container-2' },
      STALE_AFTER_MS + 1_000,
    );
    const lock = acquireDataDirLock(dataDir);
    expect(readLock()).toMatchObject({ pid: process.pid, host: os.hostname() });
    lock.release();
  });

  it('refuses a half-written lock while it is fresh, and takes it over once stale', () => {
    fs.writeFileSync(lockPath, '{"pid":');
    expect(() => acquireDataDirLock(dataDir)).toThrow(DataDirLockedError);
    const old = new Date(Date.now() - STALE_AFTER_MS - 1_000);
    fs.utimesSync(lockPath, old, old);
    acquireDataDirLock(dataDir).release();
  });

  it('keeps its heartbeat while held, and stops it once released', async () => {
    const lock = acquireDataDirLock(dataDir, { heartbeatMs: 20 });
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockPath, old, old);
    await until(() => Date.now() - fs.statSync(lockPath).mtimeMs < STALE_AFTER_MS);
    lock.release();
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  it('stops its heartbeat when the lock was taken over meanwhile, and leaves the new holder its lock', async () => {
    const lock = acquireDataDirLock(dataDir, { heartbeatMs: 20 });
    const successor = { ...readLock(), pid: process.ppid, instanceId: 'successor' };
    writeLock(successor, 60_000);
    // A heartbeat would make it fresh again; the old holder's must not touch it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(Date.now() - fs.statSync(lockPath).mtimeMs).toBeGreaterThan(STALE_AFTER_MS);
    lock.release();
    expect(readLock().instanceId).toBe('successor');
  });
});
