// One lint config for the workspace. Module boundaries are enforced from the Nx tags:
//   type:app       -> platform, contracts, domain, testing   (never another app)
//   type:platform  -> contracts, domain                      (Nest + AWS + Kafka adapters)
//   type:testing   -> platform, contracts, domain            (test-only helpers)
//   type:domain    -> domain, contracts                      (pure: no Nest, AWS, Kafka)
//   type:contracts -> contracts
// and by scope: an app's scope only reaches scope:shared, so apps never import apps.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const infraImports = {
  patterns: [
    { group: ['@nestjs/*', '@aws-sdk/*', 'kafkajs'], message: 'Domain code stays pure: I/O lives in libs/platform adapters.' },
  ],
};

export default [
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.stack/**', '**/.nx/**', '**/*.cjs', '**/*.mjs', 'libs/package-format/test/fixtures/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          // the validation-memory bench loads these in its child processes, from the compiled tree
          checkDynamicDependenciesExceptions: ['@housef3/package-format', '@housef3/import-domain'],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:domain', 'type:testing'] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:domain'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:domain'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:testing', 'type:platform', 'type:contracts', 'type:domain'] },
            { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
            { sourceTag: 'scope:export', onlyDependOnLibsWithTags: ['scope:export', 'scope:shared'] },
            { sourceTag: 'scope:import', onlyDependOnLibsWithTags: ['scope:import', 'scope:shared'] },
            { sourceTag: 'scope:file', onlyDependOnLibsWithTags: ['scope:file', 'scope:shared'] },
            { sourceTag: 'scope:analytics', onlyDependOnLibsWithTags: ['scope:analytics', 'scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
      // explicit types on config/schema fields document them (and feed decorator metadata)
      '@typescript-eslint/no-inferrable-types': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration through the validated config module, not process.env.' },
      ],
    },
  },
  {
    files: ['libs/package-format/**/*.ts', 'libs/data-model/**/*.ts', 'libs/import-domain/**/*.ts', 'libs/contracts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', infraImports] },
  },
  {
    // Entry points and tooling are the edge where the environment is read.
    files: ['tools/**/*.ts', '**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts', 'libs/testing/**/*.ts', 'libs/*/src/testing/**/*.ts', '**/config/*.ts', '**/src/main.ts', 'libs/platform/src/service/boot.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
];
