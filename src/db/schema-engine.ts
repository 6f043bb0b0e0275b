// Prisma's schema (migration) engine, compiled to WebAssembly. The native engine the Prisma CLI downloads is not
// needed: the wasm build talks to the database through the same driver adapter the app uses.
// The package is an ESM bundler build, so we instantiate its .wasm ourselves and import it dynamically (tsc keeps
// `import()` as a native import under module "node16", and the Jest transform is told to keep it too).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type * as SchemaEngineModule from '@prisma/schema-engine-wasm' with { 'resolution-mode': 'import' };
import { prismaSchemaPath } from '../config';

export type SchemaEngine = SchemaEngineModule.SchemaEngine;
type WasmExports = Record<string, unknown>;
type EngineBindings = typeof SchemaEngineModule & { __wbg_set_wasm(exports: WasmExports): void };
// Node's global WebAssembly, typed to the one call we make (the DOM lib that declares it is not in our lib list).
const { WebAssembly: wasmApi } = globalThis as unknown as {
  WebAssembly: { instantiate(bytes: Uint8Array, imports: Record<string, unknown>): Promise<{ instance: { exports: WasmExports } }> };
};

let bindings: Promise<EngineBindings> | undefined;

function loadBindings(): Promise<EngineBindings> {
  bindings ??= (async () => {
    const bindingsPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const module = (await import(pathToFileURL(bindingsPath).href)) as EngineBindings;
    const wasm = await fs.promises.readFile(path.join(path.dirname(bindingsPath), 'schema_engine_bg.wasm'));
    const { instance } = await wasmApi.instantiate(wasm, { './schema_engine_bg.js': module });
    module.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
    return module;
  })();
  return bindings;
}

export interface SchemaFile {
  path: string;
  content: string;
}

export function readPrismaSchema(): SchemaFile {
  return { path: prismaSchemaPath, content: fs.readFileSync(prismaSchemaPath, 'utf8') };
}

/** Runs `work` with a schema engine bound to the given adapter factory, and frees the engine afterwards. */
export async function withSchemaEngine<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  work: (engine: SchemaEngine, schema: SchemaFile) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadBindings();
  const schema = readPrismaSchema();
  // The engine opens its own connections (a pool, with the pg adapter) and does not close them when freed.
  const opened: SqlDriverAdapter[] = [];
  const track = async (adapter: Promise<SqlDriverAdapter>) => {
    opened.push(await adapter);
    return opened[opened.length - 1]!;
  };
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: adapterFactory.provider,
    adapterName: adapterFactory.adapterName,
    connect: () => track(adapterFactory.connect()),
    connectToShadowDb: () => track(adapterFactory.connectToShadowDb()),
  };
  const engine = await SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    () => undefined, // engine log lines: nothing we act on
    bindMigrationAwareSqlAdapterFactory(tracked),
  );
  try {
    return await work(engine, schema);
  } finally {
    engine.free();
    await Promise.all(opened.map((adapter) => adapter.dispose()));
  }
}
