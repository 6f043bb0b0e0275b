// What bench:load makes of its requests: latency by operation, errors by code, throughput over time, and, around a
// database outage, the phases of the run and the time the server took to recover. Pure functions of the records, so
// that they are tested on their own.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { roundMs, summarise, type Summary } from './bench-kit';

export interface RequestRecord {
  operation: string;
  /** Milliseconds since the load started. */
  start: number;
  end: number;
  /** Undefined for a success; else the error's key, e.g. "SERVICE_UNAVAILABLE (HTTP 503)" (see errorKey). */
  error?: string;
}

/** An error as the report counts it: the GraphQL error's extensions.code with the HTTP status, or the transport's failure. */
export function errorKey(failure: { status: number; code: string } | { transport: string }): string {
  return 'transport' in failure ? failure.transport : `${failure.code} (HTTP ${failure.status})`;
}

export interface OperationSummary {
  requests: number;
  ok: number;
  failed: number;
  perSecond: number;
  /** Latency of the successful requests. */
  ms: Summary | null;
}

export function summariseOperations(records: readonly RequestRecord[], seconds: number): Record<string, OperationSummary> {
  const byOperation = new Map<string, RequestRecord[]>();
  for (const record of records) {
    const list = byOperation.get(record.operation);
    if (list) list.push(record);
    else byOperation.set(record.operation, [record]);
  }
  return Object.fromEntries(
    [...byOperation].map(([operation, list]) => {
      const ok = list.filter((record) => record.error === undefined);
      return [
        operation,
        {
          requests: list.length,
          ok: ok.length,
          failed: list.length - ok.length,
          perSecond: Math.round((list.length / seconds) * 10) / 10,
          ms: ok.length ? summarise(ok.map((record) => record.end - record.start)) : null,
        },
      ];
    }),
  );
}

/** Failed requests by error key, most frequent first. */
export function countErrors(records: readonly RequestRecord[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const record of records) if (record.error !== undefined) counts.set(record.error, (counts.get(record.error) ?? 0) + 1);
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]));
}

export interface Bucket {
  /** Start of the window, ms since the load started. */
  from: number;
  requests: number;
  errors: number;
}

/** Requests by the window their answer came in (`width` ms each), from `from` to `to`; a last partial window is left out. */
export function buckets(records: readonly RequestRecord[], from: number, to: number, width = 1_000): Bucket[] {
  const count = Math.max(0, Math.floor((to - from) / width));
  const result: Bucket[] = Array.from({ length: count }, (_, index) => ({ from: from + index * width, requests: 0, errors: 0 }));
  for (const record of records) {
    const index = Math.floor((record.end - from) / width);
    if (index < 0 || index >= count) continue;
    result[index]!.requests += 1;
    if (record.error !== undefined) result[index]!.errors += 1;
  }
  return result;
}

export interface OutageWindow {
  /** When the connection to the database was cut and restored, ms since the load started. */
  cutAt: number;
  restoredAt: number;
  /** When the load stopped. */
  endedAt: number;
}

export interface Recovery {
  /** From the restore to the first successful (database-backed) answer; null when none came. */
  firstSuccessMs: number | null;
  /**
   * From the restore to the start of steady state: the first 1-second window from which every whole window to the end
   * of the run has no failed request and at least STEADY_SHARE of the median throughput before the cut (a loose bar: on
   * a shared machine throughput swings by a third from one window to the next); null when never.
   */
  steadyMs: number | null;
  /** The median requests per window before the cut (the first WARMUP_MS left out). */
  baselinePerWindow: number | null;
}

const WINDOW_MS = 1_000;
const WARMUP_MS = 2_000;
export const STEADY_SHARE = 0.5;

export function recovery(records: readonly RequestRecord[], window: OutageWindow): Recovery {
  const firstSuccess = records
    .filter((record) => record.error === undefined && record.end >= window.restoredAt)
    .reduce<number | null>((first, record) => (first === null || record.end < first ? record.end : first), null);
  const before = buckets(records, Math.min(WARMUP_MS, window.cutAt), window.cutAt, WINDOW_MS)
    .map((bucket) => bucket.requests)
    .sort((a, b) => a - b);
  const baseline = before.length ? before[Math.floor((before.length - 1) / 2)]! : null;
  const after = buckets(records, window.restoredAt, window.endedAt, WINDOW_MS);
  const healthy = (bucket: Bucket) =>
    bucket.errors === 0 && bucket.requests > 0 && (baseline === null || bucket.requests >= STEADY_SHARE * baseline);
  let steady: number | null = null;
  for (let index = after.length - 1; index >= 0 && healthy(after[index]!); index -= 1) steady = after[index]!.from;
  return {
    firstSuccessMs: firstSuccess === null ? null : roundMs(firstSuccess - window.restoredAt),
    steadyMs: steady === null ? null : steady - window.restoredAt,
    baselinePerWindow: baseline,
  };
}

export type Phase = 'before' | 'outage' | 'recovery' | 'after';

/**
 * The phase of a request around an outage: answered before the cut; started before the restore (and answered after
 * the cut); started after the restore but before steady state; or after it (the whole rest when steady state never
 * came is recovery).
 */
export function phaseOf(record: RequestRecord, window: OutageWindow, steadyAt: number | null): Phase {
  if (record.end < window.cutAt) return 'before';
  if (record.start < window.restoredAt) return 'outage';
  return steadyAt === null || record.start < steadyAt ? 'recovery' : 'after';
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; undefined when it has gone. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    // Fields after the command name (which may hold spaces, hence from the last ')'): utime and stime are the 12th and 13th.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks();
  } catch {
    return undefined;
  }
}

let ticks: number | undefined;
function clockTicks(): number {
  ticks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticks;
}

/** The resident set size of a process in MB, from /proc/<pid>/status (VmRSS); undefined when it has gone. */
export function residentMb(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round((Number(match[1]) / 1024) * 10) / 10 : undefined;
  } catch {
    return undefined;
  }
}
