import { LoadOptionsContext } from 'n8n-core';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import type { TestCredentialsHelper } from './credentialsHelper';
import { additionalDataFor, buildWorkflow, runWorkflow, type RunResult } from './engine';

/** One BigID node of `resource` run through the engine, fed `input`. */
export async function runNode(
	credentials: TestCredentialsHelper,
	resource: string,
	parameters: INodeParameters,
	input?: IDataObject[],
	continueOnFail = false,
): Promise<RunResult> {
	return await runWorkflow({
		credentials,
		nodes: [{ parameters: { resource, ...parameters }, continueOnFail }],
		input,
	});
}

/** What n8n's editor hands a dropdown or resource locator list of the node with these parameters. */
export function loadOptionsContext(
	credentials: TestCredentialsHelper,
	parameters: INodeParameters,
	path: string,
): LoadOptionsContext {
	const workflow = buildWorkflow([{ name: 'BigID', parameters }]);
	return new LoadOptionsContext(
		workflow,
		workflow.getNode('BigID')!,
		additionalDataFor(credentials),
		`parameters.${path}`,
	);
}

/** Returns once the sandbox has served `route` `times` times, or once `running` has ended. */
export async function untilRequested(
	sandbox: Sandbox,
	route: string,
	times: number,
	running: Promise<unknown>,
): Promise<void> {
	let ended = false;
	void running.then(() => (ended = true));
	while (!ended && (sandbox.stats.byRoute[route] ?? 0) < times) {
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}
