// graphql-codegen for the example client (examples/): types for the README's operations (src/http/example-operations.ts),
// from the committed schema.graphql. Run: npm run codegen (a test fails when examples/gql/ is stale).
import type { CodegenConfig } from '@graphql-codegen/cli';

/** The custom scalars as they travel in JSON: what a client receives and sends. */
const SCALARS = {
  ID: 'string',
  Date: 'string',
  DateTimeISO: 'string',
  JSON: 'unknown',
};

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['src/http/example-operations.ts'],
  ignoreNoDocuments: false,
  generates: {
    'examples/gql/': {
      preset: 'client',
      config: {
        // Plain strings to send with fetch: no graphql-js `print` in the client.
        documentMode: 'string',
        scalars: SCALARS,
        strictScalars: true,
        enumsAsTypes: true,
        useTypeImports: true,
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
