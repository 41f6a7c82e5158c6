// Runs n8n's community-package scanner (@n8n/scan-community-package, with the ESLint plugin it
// ships with) on the package's source and on the packed tarball: the two legs n8n's scanner lints
// after it checked a published version's provenance. By default the source leg is the working
// tree; with --as-n8n it is the committed tree (`git archive HEAD`), which is what n8n downloads
// from the commit the provenance statement names, and the package root is found as n8n finds it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
	analyzePackage,
	findPackageRoot,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];
const asN8n = process.argv.includes('--as-n8n');

function report(label, result) {
	console.log(
		`${result.passed ? 'PASS' : 'FAIL'} ${label}${result.message ? `: ${result.message}` : ''}`,
	);
	if (result.details) console.log(result.details);
	return result.passed;
}

/** The rules' version is the scanner's own dependency, which may differ from the project's. */
function scannerPluginVersion() {
	const scannerRequire = createRequire(
		createRequire(import.meta.url).resolve('@n8n/scan-community-package/package.json'),
	);
	const pluginEntry = scannerRequire.resolve('@n8n/eslint-plugin-community-nodes');
	let directory = path.dirname(pluginEntry);
	while (!directory.endsWith(path.join('@n8n', 'eslint-plugin-community-nodes'))) {
		directory = path.dirname(directory);
	}
	return JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')).version;
}

function committedSource(workDir) {
	const checkout = path.join(workDir, 'source');
	mkdirSync(checkout);
	const archive = execFileSync('git', ['archive', '--format=tar', 'HEAD'], {
		cwd: root,
		maxBuffer: 256 * 1024 * 1024,
	});
	execFileSync('tar', ['-x', '-C', checkout], { input: archive });
	const { name } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
	const packageRoot = findPackageRoot(checkout, name);
	if (!packageRoot) throw new Error(`No package.json named ${name} in the committed tree`);
	return packageRoot;
}

const workDir = mkdtempSync(path.join(tmpdir(), 'bigid-verify-'));
try {
	console.log(
		`@n8n/scan-community-package with @n8n/eslint-plugin-community-nodes ${scannerPluginVersion()}`,
	);
	const sourceDir = asN8n ? committedSource(workDir) : root;
	const sourcePassed = report(
		asN8n ? 'source (the committed tree, HEAD)' : 'source (the working tree)',
		await analyzePackage(sourceDir, SOURCE_FILE_PATTERNS),
	);

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
