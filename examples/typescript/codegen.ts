// `npm run generate`: the typed client in src/gql/ from the committed schema and the operations in src/.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../../schema.graphql',
  documents: ['src/**/*.ts', '!src/gql/**'],
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // A scalar added to the schema without a line here fails generation instead of becoming `any`.
        strictScalars: true,
        scalars: {
          Date: 'string', // YYYY-MM-DD
          DateTime: 'string', // RFC 3339 in UTC, e.g. 2026-11-28T21:00:00.000000Z
          JSON: '../scalars.js#JsonValue',
          ID: 'string',
        },
        enumsAsTypes: true,
        useTypeImports: true,
        emitLegacyCommonJSImports: false,
      },
    },
  },
};

export default config;
