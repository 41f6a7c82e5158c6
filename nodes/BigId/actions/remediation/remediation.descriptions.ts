import type { INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_REMEDIATION_ACCEPT_VERSION,
	DEFAULT_REMEDIATION_PATH_PREFIX,
} from '../../api/remediation';
import { showFor } from '../common.descriptions';
import { optionsCollection } from '../list.descriptions';

/** What every Remediation operation is told about the app: its ID, and how to reach it. */
export function remediationAppProperties(
	operation: string,
	extraOptions: INodeProperties[] = [],
): INodeProperties[] {
	return showFor('remediation', operation, [
		{
			displayName:
				"BigID's Remediation app is reached through BigID's app proxy; its paths are inferred from BigID's own tools, and a BigID without the app answers that it does not offer it",
			name: 'remediationNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 6390aaa101aadd7ac9e1d5ae',
			description:
				"The Remediation app's ID in BigID, from Administration > Applications Management",
		},
		optionsCollection([
			...extraOptions,
			{
				displayName: 'Accept Version',
				name: 'acceptVersion',
				type: 'string',
				default: DEFAULT_REMEDIATION_ACCEPT_VERSION,
				placeholder: 'e.g. v1',
				description:
					"The Accept-version header BigID's app proxy passes to the app: BigID's agent tools send 2.0, older apps take v1",
			},
			{
				displayName: 'Path Prefix',
				name: 'pathPrefix',
				type: 'string',
				default: DEFAULT_REMEDIATION_PATH_PREFIX,
				placeholder: 'e.g. proxy/tpa/api',
				description:
					"Where BigID's app proxy serves its apps, below /api/v1: change it only if your BigID serves them elsewhere",
			},
		]),
	]);
}
