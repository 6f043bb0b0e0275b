// Progress of a long command on stderr: a redrawn bar on a terminal. Where output goes to a file or a CI log,
// carriage returns would only make noise: there it prints plain lines (at most one per tenth, then one when done)
// when asked to with `lines`, and nothing otherwise.
const BAR_WIDTH = 30;
const REDRAW_MS = 100;

const count = (value: number): string => value.toLocaleString('en-US');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;

export interface ProgressOptions {
  /** Plain progress lines when stderr is not a terminal (the benchmark's load, read later in a log). */
  lines?: boolean;
  out?: NodeJS.WriteStream;
}

export class Progress {
  private readonly started = Date.now();
  private readonly out: NodeJS.WriteStream;
  private readonly lines: boolean;
  private done = 0;
  private lastDraw = 0;
  private lastTenth = -1;

  /** `total` may be unknown (a file read as a stream): the bar then shows a count alone. */
  constructor(
    private readonly label: string,
    private readonly total: number | undefined,
    options: ProgressOptions = {},
  ) {
    this.out = options.out ?? process.stderr;
    this.lines = options.lines ?? false;
    this.draw(true);
  }

  advance(by: number): void {
    this.update(this.done + by);
  }

  update(done: number): void {
    this.done = this.total === undefined ? done : Math.min(this.total, done);
    this.draw(false);
  }

  finish(note = ''): void {
    if (!this.out.isTTY && !this.lines) return;
    if (this.total !== undefined) this.done = this.total;
    const line = `${this.label.padEnd(22)} ${count(this.done).padStart(11)} done in ${seconds(Date.now() - this.started)}${note ? `  ${note}` : ''}`;
    this.out.write(this.out.isTTY ? `\r\x1b[2K${line}\n` : `${line}\n`);
  }

  private draw(force: boolean): void {
    const now = Date.now();
    const fraction = this.total === undefined ? undefined : this.total === 0 ? 1 : this.done / this.total;
    if (this.out.isTTY) {
      if (!force && now - this.lastDraw < REDRAW_MS) return;
      this.lastDraw = now;
      const elapsed = now - this.started;
      if (fraction === undefined) {
        this.out.write(`\r\x1b[2K${this.label.padEnd(22)} ${count(this.done)}  ${seconds(elapsed)}`);
        return;
      }
      const filled = Math.round(fraction * BAR_WIDTH);
      const eta = fraction > 0 && fraction < 1 ? `  eta ${seconds((elapsed / fraction) * (1 - fraction))}` : '';
      this.out.write(
        `\r\x1b[2K${this.label.padEnd(22)} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${count(this.done)}/${count(this.total!)}  ${seconds(elapsed)}${eta}`,
      );
      return;
    }
    // A one-step job, or one of unknown size, says nothing until it is done.
    if (!this.lines || fraction === undefined || this.total! <= 1) return;
    const tenth = Math.floor(fraction * 10);
    if (!force && tenth === this.lastTenth) return;
    this.lastTenth = tenth;
    if (fraction < 1)
      this.out.write(
        `${this.label.padEnd(22)} ${count(this.done).padStart(11)}/${count(this.total!)} (${(fraction * 100).toFixed(0)}%)  ${seconds(now - this.started)}\n`,
      );
  }
}
