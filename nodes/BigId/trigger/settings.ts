import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { UserEndpoint } from '../api/users';
import { DEFAULT_USER_ENDPOINT } from '../api/users';
import type { CasePaging } from '../api/cases';
import { DEFAULT_CASE_PAGING } from '../api/cases';
import { caseStatusKey } from '../model/case';
import { listedValues } from '../model/object';
import { DEFAULT_TERMINAL_STATES, EMPTY_TERMINAL_STATES, terminalStateKeysOf } from '../model/scan';
import { concurrencyProblem, pageSizeProblem } from '../api/list';
import { DEFAULT_CONCURRENCY, DEFAULT_PAGE_SIZE } from '../transport';
import type { TriggerEventName, UserEventName } from './events';
import { CASE_EVENTS, USER_EVENTS } from './events';
import type { CaseSettings } from './casePoller';
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
	concurrency: number;
	listEndpoint: UserEndpoint;
}

export interface TriggerSettings {
	events: TriggerEventName[];
	/** Undefined when Scan Finished is not selected. */
	scans?: ScanDetectionOptions;
	/** Undefined when no user event is selected. */
	users?: UserSettings;
	/** Undefined when no case event is selected. */
	cases?: CaseSettings;
	/** Undefined when Audit Log Entry is not selected. */
	audit?: AuditDetectionOptions;
}

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
			options.terminalStates ?? DEFAULT_TERMINAL_STATES,
		);
		if (terminalStateKeys.size === 0) {
			fail(EMPTY_TERMINAL_STATES.message, EMPTY_TERMINAL_STATES.description);
		}
		settings.scans = {
			terminalStateKeys,
			profileNames: listedValues(options.scanProfileNames),
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
		const pageSizeError = pageSizeProblem(pageSize);
		if (pageSizeError !== undefined) {
			fail(
				pageSizeError,
				'Set User Options > Page Size to how many users BigID should return per request.',
			);
		}
		const concurrency = (options.concurrency as number | undefined) ?? DEFAULT_CONCURRENCY;
		const concurrencyError = concurrencyProblem(concurrency);
		if (concurrencyError !== undefined) {
			fail(
				concurrencyError,
				'Set User Options > Concurrent Requests to how many pages BigID should be asked for at once.',
			);
		}
		settings.users = {
			events: userEvents,
			watchedFields,
			keepPreviousValues: options.keepPreviousValues === true,
			confirmDeletions: options.confirmDeletions !== false,
			pageSize,
			concurrency,
			listEndpoint: (options.listEndpoint as UserEndpoint | undefined) ?? DEFAULT_USER_ENDPOINT,
		};
	}
	const caseEvents = CASE_EVENTS.filter((event) => events.includes(event));
	if (caseEvents.length > 0) {
		const options = this.getNodeParameter('caseOptions', {}) as IDataObject;
		const keys = (value: unknown) =>
			listedValues(value)
				.map(caseStatusKey)
				.filter((key) => key !== '');
		settings.cases = {
			events: caseEvents,
			severities: keys(options.severities),
			statuses: keys(options.statuses),
			policyNames: listedValues(options.policyNames),
			paging: (options.pagingParameter as CasePaging | undefined) ?? DEFAULT_CASE_PAGING,
		};
	}
	if (events.includes('auditLogEntry')) {
		const options = this.getNodeParameter('auditOptions', {}) as IDataObject;
		settings.audit = {
			actions: listedValues(options.actions),
			users: listedValues(options.users),
			endpoints: listedValues(options.endpoints),
		};
	}
	return settings;
}
