import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RemediationApp } from '../../api/remediation';
import {
	DEFAULT_REMEDIATION_ACCEPT_VERSION,
	DEFAULT_REMEDIATION_PATH_PREFIX,
	remediationAppOf,
} from '../../api/remediation';

/** The Remediation app the operation's App ID and options name; a blank one fails before any request. */
export function readRemediationApp(this: IExecuteFunctions, itemIndex: number): RemediationApp {
	const app = remediationAppOf({
		appId: this.getNodeParameter('appId', itemIndex, ''),
		acceptVersion: this.getNodeParameter(
			'options.acceptVersion',
			itemIndex,
			DEFAULT_REMEDIATION_ACCEPT_VERSION,
		),
		pathPrefix: this.getNodeParameter(
			'options.pathPrefix',
			itemIndex,
			DEFAULT_REMEDIATION_PATH_PREFIX,
		),
	});
	if ('problem' in app) {
		throw new NodeOperationError(this.getNode(), app.problem, {
			itemIndex,
			description: app.description,
		});
	}
	return app;
}
