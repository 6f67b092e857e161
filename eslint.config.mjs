// Lint rules for the whole workspace. Module boundaries follow the two tag axes of each
// project.json (`type:` and `scope:`): pure libraries (model, renderer, util) may not import
// I/O modules, so rendering stays a function of its inputs (docs/architecture.md, "Layering").
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/** Node built-ins that touch files, processes, the network or the clock's side effects. */
export const ioModules = [
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'child_process',
  'node:child_process',
  'net',
  'node:net',
  'http',
  'node:http',
  'https',
  'node:https',
  'dgram',
  'node:dgram',
  'worker_threads',
  'node:worker_threads',
  'zx',
];

/** Tags of projects that must stay pure (no file, process or network I/O). */
const pureTypes = ['type:model', 'type:renderer', 'type:util'];

/**
 * Source globs of the pure projects, read from their project.json tags. Nx's
 * bannedExternalImports does not cover Node built-ins, so `no-restricted-imports` enforces it.
 */
function pureProjectGlobs() {
  return ['apps', 'libs'].flatMap((group) =>
    (existsSync(group) ? readdirSync(group) : [])
      .filter((name) => existsSync(`${group}/${name}/project.json`))
      .filter((name) => {
        const tags = JSON.parse(readFileSync(`${group}/${name}/project.json`, 'utf8')).tags ?? [];
        return tags.some((tag) => pureTypes.includes(tag));
      })
      .map((name) => `${group}/${name}/src/**/*.ts`),
  );
}

/** Which projects may import which, by tag (the `@nx/enforce-module-boundaries` options). */
const moduleBoundaries = {
  enforceBuildableLibDependency: false,
  allow: [],
  depConstraints: [
    { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:model', 'type:renderer', 'type:util', 'type:io'] },
    { sourceTag: 'type:io', onlyDependOnLibsWithTags: ['type:model', 'type:util', 'type:io'] },
    {
      sourceTag: 'type:renderer',
      onlyDependOnLibsWithTags: ['type:model', 'type:renderer', 'type:util'],
      bannedExternalImports: ioModules,
    },
    {
      sourceTag: 'type:model',
      onlyDependOnLibsWithTags: ['type:model', 'type:util'],
      bannedExternalImports: ioModules,
    },
    { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'], bannedExternalImports: ioModules },
    { sourceTag: 'scope:gitops', onlyDependOnLibsWithTags: ['scope:gitops', 'scope:shared'] },
    { sourceTag: 'scope:ml', onlyDependOnLibsWithTags: ['scope:ml', 'scope:shared'] },
    { sourceTag: 'scope:serving', onlyDependOnLibsWithTags: ['scope:serving', 'scope:ml', 'scope:shared'] },
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    // The edge–cloud lab runs the rendered platform, so it reads every part of it.
    { sourceTag: 'scope:lab', onlyDependOnLibsWithTags: ['scope:gitops', 'scope:ml', 'scope:serving', 'scope:shared'] },
  ],
};

/**
 * The local stack (`npm start`) runs the edge gateway, the simulator and the inference API in one
 * process, so it alone may import those apps, and only through their public entry (src/index.ts).
 */
const localStackBoundaries = { ...moduleBoundaries, allow: ['@millwright/edge-gateway', '@millwright/inference-api', '@millwright/sensor-sim'] };

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '.nx/**', 'k8s/**', 'bootstrap/**', 'fleet/**', 'dags/**', '.millwright/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
      // noUncheckedIndexedAccess makes `!` the honest way to say "this index exists".
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['apps/local-stack/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', localStackBoundaries] },
  },
  {
    files: pureProjectGlobs(),
    ignores: ['**/*.test.ts', '**/test-support/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ioModules.map((name) => ({
            name,
            message: 'pure libraries take data in and return data: do I/O in an app (main.ts, server.ts, the writer).',
          })),
        },
      ],
    },
  },
  {
    // Tests may read golden files and start processes; they are not part of a pure library.
    files: ['**/*.test.ts', '**/*.test.tsx', '**/test-support/**/*.ts', '**/vitest.config.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
  },
];
