import type { INodeProperties } from 'n8n-workflow';

import { eventsProperty, optionsProperties } from './registry';

export const properties: INodeProperties[] = [
	{
		displayName:
			'BigID has no webhooks, so this trigger polls. Each change is emitted once; every item carries an <code>eventId</code> that stays the same if n8n ever delivers it again (for example after a crash between starting the execution and saving the trigger state), so a Remove Duplicates node on <code>eventId</code> makes a workflow safe against that too. The first poll only records what exists: nothing that happened before activation is emitted.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	eventsProperty,
	...optionsProperties,
];
