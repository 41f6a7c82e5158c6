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
	// The boundaries of the pack's own layers (docs/architecture.md).
	{
		files: ['nodes/**/*.ts'],
		ignores: ['nodes/BigId/model/**', 'nodes/BigId/api/**'],
		rules: {
			'no-restricted-syntax': [
				'error',
				{
					selector:
						'MemberExpression[computed=false][property.name=/^[a-z]+(_[a-z0-9]+)+$/], MemberExpression[computed=true][property.value=/^[a-z]+(_[a-z0-9]+)+$/]',
					message:
						"BigID's snake_case fields are read in model/ (or api/ for an answer's envelope): add a function to the object's model and call it here.",
				},
			],
		},
	},
	{
		files: ['nodes/BigId/model/**/*.ts'],
		plugins: { '@typescript-eslint': tseslint.plugin },
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					paths: [
						{
							name: 'n8n-workflow',
							allowTypeImports: true,
							message: 'model/ is pure code: import only types from n8n-workflow.',
						},
					],
					patterns: [
						{
							group: [
								'../api/*',
								'../transport',
								'../transport/*',
								'../actions/*',
								'../trigger/*',
								'../methods/*',
								'../descriptions/*',
							],
							message: 'model/ is pure code: it imports nothing of the node but other models.',
						},
					],
				},
			],
		},
	},
];
