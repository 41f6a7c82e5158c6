/** `npm run test:e2e:queue`: the packed node in n8n's queue mode (PostgreSQL, Redis, two workers). */
/** @type {import('jest').Config} */
module.exports = {
	...require('./jest.config.js'),
	testMatch: ['<rootDir>/test-e2e/**/*.queue.test.ts'],
	testTimeout: 15 * 60_000,
	// One file, three n8n processes: nothing runs beside it.
	maxWorkers: 1,
};
