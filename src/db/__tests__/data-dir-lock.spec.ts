import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { acquireDataDirLock, DataDirLockedError } from '../data-dir-lock';

describe('the embedded database lock', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtrace-lock-'));
  const dataDir = path.join(dir, 'pglite');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is exclusive while its owner lives, and released on release()', () => {
    const lock = acquireDataDirLock(dataDir);
    const owner = JSON.parse(fs.readFileSync(`${dataDir}.lock`, 'utf8'));
    expect(owner.pid).toBe(process.pid);
    // Another live process holding it (our parent stands in for a running server).
    fs.writeFileSync(`${dataDir}.lock`, JSON.stringify({ ...owner, pid: process.ppid }));
    expect(() => acquireDataDirLock(dataDir)).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(dataDir)).toThrow(new RegExp(`pid ${process.ppid}`));
    // release() leaves a lock that is not its own in place.
    lock.release();
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(true);
    fs.rmSync(`${dataDir}.lock`);
  });

  it('takes over a lock left by a process that died', () => {
    fs.writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: 2 ** 22 + 1, command: 'crashed', startedAt: '2026-01-01T00:00:00Z' }));
    const lock = acquireDataDirLock(dataDir);
    expect(JSON.parse(fs.readFileSync(`${dataDir}.lock`, 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });
});
