import type { INodeProperties } from 'n8n-workflow';

import { concurrencyOption, pageSizeOption } from '../actions/common.descriptions';
import { caseChoiceFilter, pagingParameterOption } from '../actions/dspmCase/dspmCase.descriptions';
import { userEndpointOptions } from '../actions/user/user.descriptions';
import { DEFAULT_TERMINAL_STATES } from '../model/scan';
import { CASE_EVENTS, USER_EVENTS } from './events';
import { USER_FIELDS } from './userRecords';

const userEventsShown = { show: { events: [...USER_EVENTS] } };

export const properties: INodeProperties[] = [
	{
		displayName:
			'BigID has no webhooks, so this trigger polls. Each change is emitted once; every item carries an <code>eventId</code> that stays the same if n8n ever delivers it again (for example after a crash between starting the execution and saving the trigger state), so a Remove Duplicates node on <code>eventId</code> makes a workflow safe against that too. The first poll only records what exists: nothing that happened before activation is emitted.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['scanFinished'],
		description: 'The BigID events that start the workflow',
		options: [
			{
				name: 'Audit Log Entry',
				value: 'auditLogEntry',
				description:
					'A new line in the BigID audit log (a login, a failed login, a change...), each line once even when the log rotates',
			},
			{
				name: 'Case Created',
				value: 'caseCreated',
				description: 'BigID opened a DSPM case (a policy violation on a data source)',
			},
			{
				name: 'Case Status Changed',
				value: 'caseStatusChanged',
				description:
					'A DSPM case entered another status (acknowledged, remediated, closed...), with the old and new status',
			},
			{
				name: 'Scan Finished',
				value: 'scanFinished',
				description: 'A parent scan reached a terminal state (Completed, Failed, Stopped...)',
			},
			{ name: 'User Created', value: 'userCreated', description: 'A BigID user was created' },
			{
				name: 'User Deleted',
				value: 'userDeleted',
				description:
					'A BigID user no longer exists: seen only from a complete user listing, optionally confirmed user by user',
			},
			{
				name: 'User Disabled',
				value: 'userDisabled',
				description: 'A BigID user was disabled (isEnabled became false)',
			},
			{
				name: 'User Enabled',
				value: 'userEnabled',
				description: 'A disabled BigID user was enabled again',
			},
			{
				name: 'User Role Changed',
				value: 'userRoleChanged',
				description: "A BigID user's role or roles changed",
			},
			{
				name: 'User Updated',
				value: 'userUpdated',
				description:
					'One of the watched fields of a BigID user changed (a login, which only moves updatedAt, is not a change)',
			},
		],
	},
	{
		displayName: 'Audit Log Options',
		name: 'auditOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { events: ['auditLogEntry'] } },
		options: [
			{
				displayName: 'Actions',
				name: 'actions',
				type: 'string',
				default: '',
				placeholder: 'e.g. login_failed, *user*',
				description:
					'Only emit lines of these audit actions, separated by commas and compared without case; * stands for any text. Empty for every action. With any filter set, lines that are not in the audit format are not emitted.',
			},
			{
				displayName: 'Endpoints',
				name: 'endpoints',
				type: 'string',
				default: '',
				placeholder: 'e.g. /api/v1/users*',
				description:
					'Only emit requests to these API endpoints, separated by commas and compared without case; * stands for any text',
			},
			{
				displayName: 'Users',
				name: 'users',
				type: 'string',
				default: '',
				placeholder: 'e.g. admin, svc-*',
				description:
					'Only emit lines of these users, separated by commas and compared without case; * stands for any text',
			},
		],
	},
	{
		displayName: 'Case Options',
		name: 'caseOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { events: [...CASE_EVENTS] } },
		options: [
			{
				...pagingParameterOption,
				description:
					'The query parameter this BigID version pages case lists by (skip, as documented, or offset). Only polls that find more than one page of changes use it.',
			},
			{
				displayName: 'Policy Names',
				name: 'policyNames',
				type: 'string',
				default: '',
				placeholder: 'e.g. Passwords, Open Access to PII',
				description:
					'Only emit cases of these policies, separated by commas and compared without case. Empty for every policy.',
			},
			caseChoiceFilter(
				'severities',
				'Only emit cases of these severities. None selected for every severity.',
			),
			caseChoiceFilter(
				'statuses',
				'Only emit a case created in, or changed to, one of these statuses. None selected for every status.',
			),
		],
	},
	{
		displayName: 'Scan Options',
		name: 'scanOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { events: ['scanFinished'] } },
		options: [
			{
				displayName: 'Outcome',
				name: 'outcome',
				type: 'options',
				default: 'any',
				description: 'Which finished scans to emit',
				options: [
					{ name: 'Any', value: 'any', description: 'Every finished scan' },
					{
						name: 'Failed',
						value: 'failed',
						description:
							'Every terminal state except Completed (Failed, Stopped, Aborted, CompletedWithErrors...)',
					},
					{ name: 'Succeeded', value: 'succeeded', description: 'Only scans that ended Completed' },
				],
			},
			{
				displayName: 'Scan Profile Names',
				name: 'scanProfileNames',
				type: 'string',
				default: '',
				placeholder: 'e.g. Nightly PII scan, Weekly HR scan',
				description:
					'Only emit scans of these scan profiles, separated by commas and compared without case. Empty for every profile.',
			},
			{
				displayName: 'Terminal States',
				name: 'terminalStates',
				type: 'string',
				default: DEFAULT_TERMINAL_STATES,
				description:
					'Scan states that mean the scan has ended, separated by commas and compared without case, spaces or underscores. BigID has more states than it documents; add any your version uses.',
			},
		],
	},
	{
		displayName: 'User Options',
		name: 'userOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: userEventsShown,
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
	},
];
