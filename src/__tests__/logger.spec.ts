import { Writable } from 'node:stream';
import { createLogger } from '../logger';

/** A destination that keeps what is written to it. */
function collect() {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { destination, text: () => chunks.join('') };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createLogger', () => {
  it('writes readable lines on a terminal in development: time, level, message, then the fields', async () => {
    const { destination, text } = collect();
    createLogger({ logLevel: 'info', nodeEnv: 'development' }, { destination, terminal: true }).info(
      { url: 'http://localhost:4000/' },
      'claimtrace is serving',
    );
    await settle();
    expect(text()).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: claimtrace is serving\n\s+url: "http:\/\/localhost:4000\/"\n$/);
  });

  it('writes JSON lines anywhere else: off a terminal, and in production even on one', async () => {
    for (const [nodeEnv, terminal] of [
      ['development', false],
      ['production', true],
      ['test', true],
    ] as const) {
      const { destination, text } = collect();
      createLogger({ logLevel: 'info', nodeEnv }, { destination, terminal }).info(
        { url: 'http://localhost:4000/' },
        'claimtrace is serving',
      );
      await settle();
      expect(JSON.parse(text())).toMatchObject({
        level: 30,
        msg: 'claimtrace is serving',
        url: 'http://localhost:4000/',
        service: 'claimtrace',
        env: nodeEnv,
      });
    }
  });
});
