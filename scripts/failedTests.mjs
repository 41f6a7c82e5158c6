#!/usr/bin/env node
/**
 * The failed tests of jest's --json result files, one short block each, printed last by .ci/run
 * so that a red run names its failing rows even where only the end of its output is kept.
 */
import { existsSync, readFileSync } from 'node:fs';

for (const file of process.argv.slice(2).filter((path) => existsSync(path))) {
	const { testResults = [] } = JSON.parse(readFileSync(file, 'utf8'));
	for (const suite of testResults) {
		if (suite.status === 'failed' && suite.assertionResults.length === 0) {
			console.log(
				`FAILED ${suite.name}: ${String(suite.message).split('\n').slice(0, 6).join(' | ')}`,
			);
		}
		for (const test of suite.assertionResults.filter(({ status }) => status === 'failed')) {
			const [firstMessage = ''] = test.failureMessages ?? [];
			console.log(`FAILED ${test.fullName}`);
			console.log(`  ${firstMessage.split('\n').slice(0, 6).join('\n  ')}`);
		}
	}
}
