import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listRemediationActions } from '../../api/remediation';
import { remediationAppProperties } from './remediation.descriptions';
import { readRemediationApp } from './remediation.parameters';

export const description: INodeProperties[] = remediationAppProperties('getActions', [
	{
		displayName: 'Include Disabled',
		name: 'includeDisabled',
		type: 'boolean',
		default: false,
		description:
			'Whether to output the actions switched off in the Remediation app too; they cannot be executed',
	},
]);

/** One item per action, only the enabled ones unless asked: what Execute Action can run. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const app = readRemediationApp.call(this, itemIndex);
	const includeDisabled = this.getNodeParameter('options.includeDisabled', itemIndex, false);
	const actions = await listRemediationActions.call(this, app, itemIndex);
	return actions.filter((action) => includeDisabled === true || action.enabled);
}
