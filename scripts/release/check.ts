/**
 * `npm run release:check`: fails while anything n8n's reviewers check is not true, naming each.
 *
 *   --package   only what the code decides (CI, on every push): the workflow files are valid,
 *               `n8n-node lint` passes in strict mode, and n8n's scanner passes as n8n runs it.
 *   (default)   those, and the release facts: version, changelog, repository, author, provenance.
 *   --tag vX    the publish run: also the tag against the version and, in GitHub Actions, the
 *               repository the run is in against package.json.
 *
 * Needs `npm run build` first (the scanner lints the packed tarball's compiled code).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
	cpSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { releaseProblems, type PackageJson } from './facts';

const ROOT = path.resolve(__dirname, '..', '..');
const WORKFLOWS = path.join(ROOT, '.github', 'workflows');

/** The ESLint config `n8n-node lint` accepts in strict mode, byte for byte as it ships it. */
const N8N_DEFAULT_ESLINT_CONFIG = `import { config } from '@n8n/node-cli/eslint';

export default config;
`;

interface Step {
	name: string;
	run: () => string[];
}

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

function workflowFiles(): string[] {
	const problems: string[] = [];
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const validator = require('@action-validator/core') as {
		validateWorkflow(source: string): { errors: unknown[] };
	};
	const files = readdirSync(WORKFLOWS).filter((file) => /\.ya?ml$/.test(file));
	for (const required of ['ci.yml', 'publish.yml']) {
		if (!files.includes(required)) problems.push(`.github/workflows/${required} is missing`);
	}
	for (const file of files) {
		const { errors } = validator.validateWorkflow(readFileSync(path.join(WORKFLOWS, file), 'utf8'));
		if (errors.length > 0) {
			problems.push(
				`.github/workflows/${file} is not a valid GitHub Actions workflow:\n${JSON.stringify(errors, null, 2)}`,
			);
		}
	}
	return problems;
}

/**
 * `n8n-node lint` in strict mode on the package's own source (nodes/, credentials/,
 * package.json), the files n8n's scanner also calls "what n8n-node lint covers": the repository's
 * own ESLint config also lints the tests and the sandbox, which strict mode's default config would
 * lint as node code.
 */
function n8nNodeLint(): string[] {
	const stage = mkdtempSync(path.join(tmpdir(), 'bigid-n8n-node-lint-'));
	try {
		for (const folder of ['nodes', 'credentials']) {
			cpSync(path.join(ROOT, folder), path.join(stage, folder), { recursive: true });
		}
		const packageJson = JSON.parse(read('package.json'));
		if (packageJson.n8n?.strict !== true) {
			return ['package.json "n8n.strict" is not true: n8n Cloud verification needs strict mode.'];
		}
		writeFileSync(path.join(stage, 'package.json'), read('package.json'));
		writeFileSync(path.join(stage, 'eslint.config.mjs'), N8N_DEFAULT_ESLINT_CONFIG);
		writeFileSync(
			path.join(stage, 'tsconfig.json'),
			JSON.stringify({
				extends: path.join(ROOT, 'tsconfig.build.json'),
				include: ['credentials/**/*', 'nodes/**/*', 'nodes/**/*.json'],
			}),
		);
		symlinkSync(path.join(ROOT, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
		const lint = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'n8n-node'), ['lint'], {
			cwd: stage,
			encoding: 'utf8',
			env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
		});
		const output = `${lint.stdout}${lint.stderr}`.trim();
		process.stdout.write(`${output}\n`);
		return lint.status === 0 ? [] : [`n8n-node lint failed (exit code ${lint.status})`];
	} finally {
		rmSync(stage, { recursive: true, force: true });
	}
}

function scannerAsN8nRunsIt(): string[] {
	try {
		process.stdout.write(
			execFileSync('node', [path.join(ROOT, 'scripts', 'verify.mjs'), '--as-n8n'], {
				cwd: ROOT,
				encoding: 'utf8',
			}),
		);
		return [];
	} catch (error) {
		const failed = error as { stdout?: string };
		process.stdout.write(failed.stdout ?? '');
		return ["n8n's community-package scanner found violations (above)"];
	}
}

function releaseFacts(tag: string | undefined): string[] {
	return releaseProblems({
		packageJson: JSON.parse(read('package.json')) as PackageJson,
		changelog: read('CHANGELOG.md'),
		publishWorkflow: read('.github/workflows/publish.yml'),
		tag,
		githubRepository: process.env.GITHUB_ACTIONS ? process.env.GITHUB_REPOSITORY : undefined,
	});
}

function main() {
	const args = process.argv.slice(2);
	const packageOnly = args.includes('--package');
	const tagIndex = args.indexOf('--tag');
	const tag = tagIndex === -1 ? undefined : args[tagIndex + 1];
	const steps: Step[] = [
		{ name: 'GitHub Actions workflow files', run: workflowFiles },
		{ name: 'n8n-node lint (strict mode, on the package source)', run: n8nNodeLint },
		{ name: "n8n's community-package scanner, as n8n runs it", run: scannerAsN8nRunsIt },
	];
	if (!packageOnly) {
		steps.push({
			name: 'release facts (version, changelog, repository, author, provenance)',
			run: () => releaseFacts(tag),
		});
	}
	let failed = 0;
	for (const step of steps) {
		console.log(`\n== ${step.name}`);
		const problems = step.run();
		for (const problem of problems) console.log(`  - ${problem}`);
		console.log(problems.length === 0 ? 'PASS' : 'FAIL');
		if (problems.length > 0) failed++;
	}
	console.log(
		`\n${failed === 0 ? 'Ready' : 'Not ready'}: ${steps.length - failed} of ${steps.length} checks pass`,
	);
	if (failed > 0) process.exitCode = 1;
}

main();
