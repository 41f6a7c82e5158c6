import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { UserEndpoint } from '../api/users';
import { DEFAULT_USER_ENDPOINT } from '../api/users';
import { DEFAULT_TERMINAL_STATES, terminalStateKeysOf } from '../model/scan';
import { DEFAULT_PAGE_SIZE } from '../transport';
import type { TriggerEventName, UserEventName } from './events';
import { USER_EVENTS } from './events';
import type { AuditDetectionOptions } from './auditChanges';
import type { OutcomeFilter, ScanDetectionOptions } from './scanChanges';
import type { UserField } from './userRecords';
import { USER_FIELDS } from './userRecords';

export interface UserSettings {
	events: UserEventName[];
	watchedFields: UserField[];
	keepPreviousValues: boolean;
	confirmDeletions: boolean;
	pageSize: number;
	listEndpoint: UserEndpoint;
}

export interface TriggerSettings {
	events: TriggerEventName[];
	/** Undefined when Scan Finished is not selected. */
	scans?: ScanDetectionOptions;
	/** Undefined when no user event is selected. */
	users?: UserSettings;
	/** Undefined when Audit Log Entry is not selected. */
	audit?: AuditDetectionOptions;
}

const commaSeparated = (value: unknown) =>
	String(value ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter((part) => part !== '');

/** Every parameter checked before the first request, so a misconfiguration never costs a poll's state. */
export function readSettings(this: IPollFunctions): TriggerSettings {
	const fail = (message: string, description: string) => {
		throw new NodeOperationError(this.getNode(), message, { description });
	};
	const events = this.getNodeParameter('events', []) as TriggerEventName[];
	if (events.length === 0) {
		fail('No event is selected', 'Choose at least one event in Events.');
	}
	const settings: TriggerSettings = { events };

	if (events.includes('scanFinished')) {
		const options = this.getNodeParameter('scanOptions', {}) as IDataObject;
		const terminalStateKeys = terminalStateKeysOf(
			String(options.terminalStates ?? DEFAULT_TERMINAL_STATES),
		);
		if (terminalStateKeys.size === 0) {
			fail(
				'Terminal States is empty',
				`List the scan states that end a scan, separated by commas, for example: ${DEFAULT_TERMINAL_STATES}.`,
			);
		}
		settings.scans = {
			terminalStateKeys,
			profileNames: commaSeparated(options.scanProfileNames),
			outcome: (options.outcome as OutcomeFilter | undefined) ?? 'any',
		};
	}

	const userEvents = USER_EVENTS.filter((event) => events.includes(event));
	if (userEvents.length > 0) {
		const options = this.getNodeParameter('userOptions', {}) as IDataObject;
		const watchedFields = (options.watchedFields as UserField[] | undefined) ?? [...USER_FIELDS];
		if (userEvents.includes('userUpdated') && watchedFields.length === 0) {
			fail(
				'User Updated has no field to watch',
				'Choose at least one field in User Options > Watched Fields, or unselect User Updated.',
			);
		}
		const pageSize = (options.pageSize as number | undefined) ?? DEFAULT_PAGE_SIZE;
		if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10000) {
			fail(
				`Page Size must be a whole number from 1 to 10000, not ${String(pageSize)}`,
				'Set User Options > Page Size to how many users BigID should return per request.',
			);
		}
		settings.users = {
			events: userEvents,
			watchedFields,
			keepPreviousValues: options.keepPreviousValues === true,
			confirmDeletions: options.confirmDeletions !== false,
			pageSize,
			listEndpoint: (options.listEndpoint as UserEndpoint | undefined) ?? DEFAULT_USER_ENDPOINT,
		};
	}
	if (events.includes('auditLogEntry')) {
		const options = this.getNodeParameter('auditOptions', {}) as IDataObject;
		settings.audit = {
			actions: commaSeparated(options.actions),
			users: commaSeparated(options.users),
			endpoints: commaSeparated(options.endpoints),
		};
	}
	return settings;
}
