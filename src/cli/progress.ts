// A progress bar on stderr, drawn only on a terminal: piped or redirected output (and the tests) get none.

export interface Progress {
  update(done: number): void;
  finish(): void;
}

const WIDTH = 30;
const REDRAW_MS = 100;

export function createProgress(label: string, total: number | undefined, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update: () => undefined, finish: () => undefined };
  let drawnAt = 0;
  const draw = (done: number) => {
    const filled = total ? Math.round((done / total) * WIDTH) : 0;
    const bar = total ? `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total}` : `${done} records`;
    stream.write(`\r${label} ${bar}`);
  };
  return {
    update(done) {
      const now = Date.now();
      if (now - drawnAt < REDRAW_MS && done !== total) return;
      drawnAt = now;
      draw(done);
    },
    finish() {
      stream.write('\r\x1b[K');
    },
  };
}
