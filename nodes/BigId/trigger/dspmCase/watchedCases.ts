import type { IDataObject } from 'n8n-workflow';

import type { CasePaging } from '../../api/cases';
import { DEFAULT_CASE_PAGING } from '../../api/cases';
import { caseStatusKey } from '../../model/case';
import { listedValues } from '../../model/object';
import { selectedEventsOf } from '../watchedObject';
import type { WatchedObject } from '../watchedObject';
import type { CaseCursor } from './caseChanges';
import type { CaseSettings } from './casePoller';
import { pollCases, sampleCase } from './casePoller';
import { caseOptions } from './descriptions';
import type { CaseEventName } from './events';
import { CASE_EVENTS, caseEventOptions } from './events';

/** Case statuses and severities as the detection compares them; an empty entry is dropped. */
function caseKeysOf(value: unknown): string[] {
	return listedValues(value)
		.map(caseStatusKey)
		.filter((key) => key !== '');
}

export const watchedCases: WatchedObject<CaseSettings, CaseCursor, CaseEventName> = {
	stateKey: 'cases',
	events: caseEventOptions,
	options: caseOptions,
	sample: { shows: 'DSPM case (matching the Case Options)', none: 'DSPM case' },
	settingsOf(selected) {
		const events = selectedEventsOf(CASE_EVENTS, selected);
		if (events.length === 0) return undefined;
		const options = this.getNodeParameter('caseOptions', {}) as IDataObject;
		return {
			events,
			severities: caseKeysOf(options.severities),
			statuses: caseKeysOf(options.statuses),
			policyNames: listedValues(options.policyNames),
			paging: (options.pagingParameter as CasePaging | undefined) ?? DEFAULT_CASE_PAGING,
		};
	},
	poll: pollCases,
	sampleEvent: sampleCase,
};
