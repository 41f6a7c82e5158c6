/** `npm run test:e2e`: the packed node in a real n8n (slow: installs n8n on first use). */
/** @type {import('jest').Config} */
module.exports = {
	rootDir: '..',
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
	testMatch: ['<rootDir>/test-e2e/**/*.e2e.test.ts'],
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.cache/'],
	testTimeout: 5 * 60_000,
	maxWorkers: 1,
	verbose: true,
};
