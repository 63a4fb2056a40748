// @ts-check
import js from '@eslint/js';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import path from 'node:path';

const webSrc = path.resolve(import.meta.dirname, 'web', 'src');

/** web/src/<layer>/<feature?>/… → where a file sits in shared → features → app. */
function layerOf(file) {
  const [top, feature] = path.relative(webSrc, file).split(path.sep);
  if (top === 'features') return { layer: 'features', feature };
  // The DOM test harness (web/src/test): any test may use it, no app code may.
  if (top === 'test') return { layer: 'test' };
  return { layer: top === 'shared' ? 'shared' : 'app' };
}

/** bulletproof-react layering: shared imports nothing above it; features import only shared and themselves. */
const layersRule = {
  meta: {
    type: 'problem',
    schema: [],
    messages: { layer: '{{from}} must not import {{to}} (layers: shared → features → app; features never import each other).' },
  },
  create(context) {
    const from = layerOf(context.filename);
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = layerOf(path.resolve(path.dirname(context.filename), source));
      if (to.layer === 'test' || from.layer === 'test') {
        if (from.layer !== 'test' && !/\.test\.tsx?$/.test(context.filename))
          context.report({ node, messageId: 'layer', data: { from: from.layer, to: 'test (only tests use the test harness)' } });
        return;
      }
      const crossFeature = from.layer === 'features' && to.layer === 'features' && to.feature !== from.feature;
      const upward = (from.layer === 'shared' && to.layer !== 'shared') || (from.layer === 'features' && to.layer === 'app');
      if (crossFeature || upward) {
        const name = (l) => (l.layer === 'features' ? `features/${l.feature}` : l.layer);
        context.report({ node, messageId: 'layer', data: { from: name(from), to: name(to) } });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.stride/**',
      'web/media/**',
      'infra/cdk.out/**',
      'e2e/test-results/**',
      'e2e/playwright-report/**',
      'bench-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })] },
    rules: {
      // A cycle makes module order matter and hides a rule that belongs in a module of its own.
      'import-x/no-cycle': ['error', { ignoreExternal: false }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, stride: { rules: { layers: layersRule } } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'stride/layers': 'error',
    },
  },
  // Formatting is Prettier's (`npm run format`; checked by `npm run lint`): no lint rule argues with it.
  prettier,
);
