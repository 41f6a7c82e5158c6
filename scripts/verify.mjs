// Runs n8n's community-package scanner rules on the source tree and on the packed tarball,
// the two halves of what n8n's published scanner checks (it only fetches from the registry).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { analyzePackage } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const SOURCE_PATTERNS = ['package.json', '{nodes,credentials}/**/*.{js,ts,json}'];
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

function report(label, result) {
	console.log(
		`${result.passed ? 'PASS' : 'FAIL'} ${label}${result.message ? `: ${result.message}` : ''}`,
	);
	if (result.details) console.log(result.details);
	return result.passed;
}

const workDir = mkdtempSync(path.join(tmpdir(), 'bigid-verify-'));
try {
	const sourcePassed = report('source', await analyzePackage(root, SOURCE_PATTERNS));

	const packed = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', workDir], {
			cwd: root,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
		}),
	);
	const tarball = path.join(workDir, packed[0].filename);
	const unpacked = path.join(workDir, 'package');
	execFileSync('tar', ['-xzf', tarball, '-C', workDir]);
	console.log(
		`packed ${packed[0].filename}: ${packed[0].entryCount} files, ${packed[0].size} bytes`,
	);
	const tarballPassed = report('tarball', await analyzePackage(unpacked, TARBALL_PATTERNS));

	if (!sourcePassed || !tarballPassed) process.exitCode = 1;
} finally {
	rmSync(workDir, { recursive: true, force: true });
}
