/** `npm run test:e2e`: the packed node in a real n8n (slow: installs n8n on first use). */
/** @type {import('jest').Config} */
module.exports = {
	rootDir: '..',
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
	testMatch: ['<rootDir>/test-e2e/**/*.e2e.test.ts'],
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.cache/'],
	testTimeout: 5 * 60_000,
	globalSetup: '<rootDir>/test-e2e/globalSetup.ts',
	// Two files at a time: most of an e2e file is waiting for n8n's one-minute poll ticks, and each
	// file has its own n8n, sandbox and ports.
	maxWorkers: 2,
	verbose: true,
};
