// n8n's community-package scanner rules (see scripts/verify.mjs) on what ships; TypeScript's
// recommended rules on the code that only develops and tests it.
import { buildScanConfig } from '@n8n/scan-community-package/scanner/scanner.mjs';
import tseslint from 'typescript-eslint';

const DEVELOPMENT_CODE = [
	'test/**/*.ts',
	'test-e2e/**/*.ts',
	'sandbox/**/*.ts',
	'bench/**/*.ts',
	'scripts/**/*.{ts,mjs}',
];

export default [
	{ ignores: ['dist/**', 'node_modules/**', '.cache/**'] },
	...(await buildScanConfig()).map((config) => ({
		...config,
		ignores: [...(config.ignores ?? []), ...DEVELOPMENT_CODE],
	})),
	...tseslint.configs.recommended.map((config) => ({ ...config, files: DEVELOPMENT_CODE })),
	{
		files: DEVELOPMENT_CODE,
		rules: {
			// Destructuring to leave fields out is how the sandbox and tests copy objects without them.
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
			],
		},
	},
];
