/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
	testMatch: ['<rootDir>/test/**/*.test.ts'],
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.cache/'],
	testTimeout: 60000,
	// Both cores, whatever jest guesses: the reliability files spend most of their time waiting on
	// the sandbox's injected latency and Retry-After, so the other files run beside them.
	maxWorkers: 2,
};
