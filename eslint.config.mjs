// ESLint (flat config), run by `npm run lint`: typescript-eslint's recommended rules with type information over the
// TypeScript, and @graphql-eslint's schema-recommended and schema-relay rules over the emitted schema.graphql. Each rule
// turned off or changed here says why; rules not named run as their presets set them.
import js from '@eslint/js';
import graphqlPlugin from '@graphql-eslint/eslint-plugin';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'src/generated/', 'coverage/', 'data/', 'bench/results/', 'examples/gql/', '.cache/'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // prisma.config.ts sits outside tsconfig.json's include (Prisma's CLI loads it on its own).
        projectService: { allowDefaultProject: ['prisma.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Apollo's plugin hooks (requestDidStart, didResolveOperation, willSendResponse, ...) are typed to return
      // promises, and an `async` hook without an await is the form Apollo documents; the rule reports every one.
      '@typescript-eslint/require-await': 'off',
      // Dropping a property by destructuring it into `_name` (or beside a rest element) is how a copy without it is made.
      '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // A promise settled with what another promise rejected with passes the reason on as it is.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // Named exports only: one name for a thing across the code base, and imports that say what they take.
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use a named export.' }],
      // No import cycles: a module loaded half-way through a cycle sees the other's exports undefined at load time, and
      // a cycle is a layer boundary crossed both ways. Type-only imports vanish at compile time and are not counted.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
  },
  {
    // The tools that load these files take their default export (jest's global setup and teardown, Prisma's and
    // graphql-codegen's configuration).
    files: ['test/helpers/global-setup.ts', 'test/helpers/global-teardown.ts', 'prisma.config.ts', 'codegen.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['test/**/*.ts', '**/__tests__/**/*.ts'],
    rules: {
      // jest types its asymmetric matchers (expect.objectContaining, expect.any, ...) as `any`, so every
      // `toThrow(expect.objectContaining(...))` is an "unsafe" use of an any; the tests themselves write no `any`
      // (no-explicit-any stays on).
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['schema.graphql'],
    languageOptions: { parser: graphqlPlugin.parser, parserOptions: { graphQLConfig: { schema: 'schema.graphql' } } },
    plugins: { '@graphql-eslint': graphqlPlugin },
    rules: {
      ...graphqlPlugin.configs['flat/schema-recommended'].rules,
      ...graphqlPlugin.configs['flat/schema-relay'].rules,
      // Value types have no identity of their own: a client's normalised cache keeps them inside the record that holds
      // them. Listed by name, so that a new record type without an id still fails.
      '@graphql-eslint/strict-id-in-types': [
        'error',
        {
          exceptions: {
            suffixes: ['Connection', 'Edge'],
            types: [
              'PageInfo',
              'ClaimSearchHit',
              'ClaimTrace',
              'TraceNode',
              'SpeakerDispute',
              'HistoryActor',
              'FieldChange',
              'CreatedApiKey',
              'SchemaOrgClaimReview',
              'SchemaOrgClaim',
              'SchemaOrgRating',
              'SchemaOrgPerson',
              'SchemaOrgOrganization',
              'SchemaOrgCreativeWork',
              'SchemaOrgCorrectionComment',
              'AppearanceContext',
              'TextAnchor',
              'TextPosition',
            ],
          },
        },
      ],
      '@graphql-eslint/relay-edge-types': [
        'error',
        {
          // Lists that are not pages are deliberate: a speaker's aliases, a trace's nodes and edges (cut by maxNodes),
          // a change's fields, nodes(ids:), and each connection's `nodes` shortcut beside its edges.
          listTypeCanWrapOnlyEdgeType: false,
          // API keys, history entries and search hits come in connections but are not Nodes: node(id:) serves the
          // records (speakers, sources, claims, rebuttals, reviews); a key or an entry is not refetched by id, a hit
          // is not a record.
          shouldImplementNode: false,
        },
      ],
      // Every connection pages both ways: both pairs (first/after, last/before) required, the rule's default.
      '@graphql-eslint/relay-arguments': ['error', { includeBoth: true }],
      // Its one report is Claim.claimReviews, named after schema.org's ClaimReview rather than prefixed with its type;
      // renaming it would break the clients that read it.
      '@graphql-eslint/no-typename-prefix': 'off',
    },
  },
);
