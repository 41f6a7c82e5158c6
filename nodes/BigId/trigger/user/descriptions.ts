import type { INodeProperties } from 'n8n-workflow';

import { USER_EVENTS } from './events';
import { USER_FIELDS } from './userRecords';
import { concurrencyOption, pageSizeOption } from '../../descriptions/listing.descriptions';
import { userEndpointOptions } from '../../descriptions/user.descriptions';

export const userOptions: INodeProperties = {
	displayName: 'User Options',
	name: 'userOptions',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	displayOptions: { show: { events: [...USER_EVENTS] } },
	options: [
		{
			...concurrencyOption,
			description:
				'How many pages of users to request from BigID at once once the first page has told how many there are. 1 reads one page at a time; after a 429 Too Many Requests the rest of the poll reads one page at a time.',
		},
		{
			displayName: 'Confirm Deletions',
			name: 'confirmDeletions',
			type: 'boolean',
			default: true,
			description:
				'Whether to read each user missing from the listing (GET /users/{ID}) and emit User Deleted only when BigID answers that it does not exist. Guards against a listing that shifted while it was read.',
		},
		{
			displayName: 'Keep Previous Values',
			name: 'keepPreviousValues',
			type: 'boolean',
			default: false,
			description:
				'Whether to remember the name, email, first and last name of every user, so changes carry their old values and User Deleted carries who was deleted. Without it the trigger keeps only a fingerprint (about 39 bytes per user, about 120 with it); old values of the enabled flag, role and origin are always given.',
		},
		{
			...pageSizeOption,
			description:
				'How many users to ask BigID for per request. Every poll reads all users (deletions are only visible that way), so larger pages mean fewer requests.',
		},
		{
			displayName: 'User List Endpoint',
			name: 'listEndpoint',
			type: 'options',
			default: 'users',
			description: 'Where this BigID version lists its users',
			options: userEndpointOptions,
		},
		{
			displayName: 'Watched Fields',
			name: 'watchedFields',
			type: 'multiOptions',
			default: [...USER_FIELDS],
			description:
				'The fields whose change emits User Updated. A change already emitted as User Disabled, User Enabled or User Role Changed is not emitted twice.',
			options: [
				{ name: 'Email', value: 'email' },
				{ name: 'Enabled', value: 'isEnabled' },
				{ name: 'First Name', value: 'firstName' },
				{ name: 'Last Name', value: 'lastName' },
				{ name: 'Name (Login)', value: 'name' },
				{ name: 'Origin', value: 'origin' },
				{ name: 'Role(s)', value: 'role' },
			],
		},
	],
};
