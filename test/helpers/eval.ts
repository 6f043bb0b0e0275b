// Evaluates its argument as CommonJS with the TypeScript require hook (see run-ts.ts): for tests that call the
// schema engine, which cannot run inside Jest's own process.
eval(process.argv[2] ?? '');
