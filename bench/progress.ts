// Progress of a long step: a redrawn bar on a terminal, plain lines (at most one per tenth) when output is a file or a
// CI log, where carriage returns would only make noise.
const BAR_WIDTH = 30;
const REDRAW_MS = 100;

const count = (value: number): string => value.toLocaleString('en-US');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;

export class Progress {
  private readonly started = Date.now();
  private done = 0;
  private lastDraw = 0;
  private lastTenth = -1;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {
    this.draw(true);
  }

  advance(by: number): void {
    this.done = Math.min(this.total, this.done + by);
    this.draw(false);
  }

  finish(note = ''): void {
    this.done = this.total;
    const line = `${this.label.padEnd(22)} ${count(this.total).padStart(11)} done in ${seconds(Date.now() - this.started)}${note ? `  ${note}` : ''}`;
    this.out.write(this.out.isTTY ? `\r\x1b[2K${line}\n` : `${line}\n`);
  }

  private draw(force: boolean): void {
    const now = Date.now();
    const fraction = this.total === 0 ? 1 : this.done / this.total;
    if (this.out.isTTY) {
      if (!force && now - this.lastDraw < REDRAW_MS) return;
      this.lastDraw = now;
      const filled = Math.round(fraction * BAR_WIDTH);
      const elapsed = now - this.started;
      const eta = fraction > 0 && fraction < 1 ? `  eta ${seconds((elapsed / fraction) * (1 - fraction))}` : '';
      this.out.write(
        `\r\x1b[2K${this.label.padEnd(22)} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${count(this.done)}/${count(this.total)}  ${seconds(elapsed)}${eta}`,
      );
      return;
    }
    // A one-step job says nothing until it is done.
    const tenth = Math.floor(fraction * 10);
    if (this.total <= 1 || (!force && tenth === this.lastTenth)) return;
    this.lastTenth = tenth;
    if (fraction < 1) this.out.write(`${this.label.padEnd(22)} ${count(this.done).padStart(11)}/${count(this.total)} (${(fraction * 100).toFixed(0)}%)  ${seconds(now - this.started)}\n`);
  }
}
