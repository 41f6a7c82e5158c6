import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { UserEndpoint } from '../../api/users';
import { DEFAULT_USER_ENDPOINT } from '../../api/users';
import { DEFAULT_CONCURRENCY, DEFAULT_PAGE_SIZE } from '../../transport';
import type { WatchedObject } from '../watchedObject';
import { selectedEventsOf } from '../watchedObject';
import { userOptions } from './descriptions';
import type { UserEventName } from './events';
import { USER_EVENTS, userEventOptions } from './events';
import type { UserState } from './userChanges';
import type { UserSettings } from './userPoller';
import { pollUsers, sampleCreatedUser } from './userPoller';
import type { UserField } from './userRecords';
import { USER_FIELDS } from './userRecords';
import { concurrencyProblem, pageSizeProblem } from '../../descriptions/listing.descriptions';

function readUserSettings(this: IPollFunctions, events: UserEventName[]): UserSettings {
	const fail = (message: string, description: string) => {
		throw new NodeOperationError(this.getNode(), message, { description });
	};
	const options = this.getNodeParameter('userOptions', {}) as IDataObject;
	const watchedFields = (options.watchedFields as UserField[] | undefined) ?? [...USER_FIELDS];
	if (events.includes('userUpdated') && watchedFields.length === 0) {
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
	return {
		events,
		watchedFields,
		keepPreviousValues: options.keepPreviousValues === true,
		confirmDeletions: options.confirmDeletions !== false,
		pageSize,
		concurrency,
		listEndpoint: (options.listEndpoint as UserEndpoint | undefined) ?? DEFAULT_USER_ENDPOINT,
	};
}

export const watchedUsers: WatchedObject<UserSettings, UserState, UserEventName> = {
	stateKey: 'users',
	events: userEventOptions,
	options: userOptions,
	sample: { shows: 'user', none: 'user' },
	settingsOf(selected) {
		const events = selectedEventsOf(USER_EVENTS, selected);
		return events.length > 0 ? readUserSettings.call(this, events) : undefined;
	},
	async poll(state, settings) {
		return await pollUsers.call(this, state, settings, Date.now());
	},
	sampleEvent: sampleCreatedUser,
};
