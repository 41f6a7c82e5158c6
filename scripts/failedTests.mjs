#!/usr/bin/env node
/**
 * The failed tests of jest's --json result files, one short block each, printed last by .ci/run
 * so that a red run names its failing rows even where only the end of its output is kept.
 */
import { existsSync, readFileSync } from 'node:fs';

/** A failure's message without its stack: what the test and the harness said, at most 30 lines. */
function messageOf(failure) {
	const lines = failure.split('\n');
	const stack = lines.findIndex((line) => /^\s+at /.test(line));
	return lines.slice(0, stack < 0 ? lines.length : stack).slice(0, 30);
}

for (const file of process.argv.slice(2).filter((path) => existsSync(path))) {
	const { testResults = [] } = JSON.parse(readFileSync(file, 'utf8'));
	for (const suite of testResults) {
		if (suite.status === 'failed' && suite.assertionResults.length === 0) {
			console.log(`FAILED ${suite.name}: ${messageOf(String(suite.message)).join(' | ')}`);
		}
		for (const test of suite.assertionResults.filter(({ status }) => status === 'failed')) {
			const [firstMessage = ''] = test.failureMessages ?? [];
			console.log(`FAILED ${test.fullName}`);
			console.log(`  ${messageOf(firstMessage).join('\n  ')}`);
		}
	}
}
