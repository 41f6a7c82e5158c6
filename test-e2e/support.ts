/** What the e2e files of `npm run test:e2e` share: the versions under test, examples, waiting. */
import { loadExamples } from '../scripts/n8n/examples';
import type { WorkflowJson } from '../scripts/n8n/instance';
import { N8N_VERSIONS } from '../scripts/n8n/runtime';

/** E2E_N8N_VERSIONS picks the n8n versions (comma-separated); all tested ones by default. */
export const e2eVersions = (process.env.E2E_N8N_VERSIONS ?? N8N_VERSIONS.join(','))
	.split(',')
	.map((version) => version.trim())
	.filter(Boolean);

/** A cold machine installs Node 24 and n8n first. */
export const INSTALL_TIMEOUT_MS = 30 * 60_000;
const POLL_WAIT_MS = 150_000;

/** The example workflow whose file name starts with `prefix` (`07`, `10`...). */
export function exampleFile(prefix: string): WorkflowJson {
	const example = loadExamples().find(({ file }) => file.startsWith(prefix));
	if (!example) throw new Error(`No example ${prefix}-*.json in examples/`);
	return example.workflow;
}

/** Polls `probe` every 2 s until it answers; `explain` says what was seen when it never does. */
export async function waitFor<T>(
	what: string,
	probe: () => Promise<T | undefined>,
	explain: () => string = () => '',
): Promise<T> {
	const deadline = Date.now() + POLL_WAIT_MS;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${explain()}`);
		await new Promise((resolve) => setTimeout(resolve, 2000));
	}
}
