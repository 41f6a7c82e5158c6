import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listedValues } from '../../model/object';
import {
	DEFAULT_TERMINAL_STATES,
	EMPTY_TERMINAL_STATES,
	scanWithoutSecrets,
	terminalStateKeysOf,
} from '../../model/scan';
import type { TriggerEvent } from '../events';
import type { WatchedObject } from '../watchedObject';
import { scanEventOptions, scanOptions, SCAN_FINISHED } from './descriptions';
import type { OutcomeFilter, ScanCursor, ScanDetectionOptions } from './scanChanges';
import { pollScans, sampleFinishedScan } from './scanPoller';

/** A scan leaves the trigger without the secrets some BigID versions put in it. */
function withoutSecrets(event: TriggerEvent): TriggerEvent {
	return event.scan ? { ...event, scan: scanWithoutSecrets(event.scan) } : event;
}

export const watchedScans: WatchedObject<ScanDetectionOptions, ScanCursor, typeof SCAN_FINISHED> = {
	stateKey: 'scans',
	events: scanEventOptions,
	options: scanOptions,
	sample: {
		shows: 'finished parent scan (matching the Scan Options)',
		none: 'finished scan',
	},
	settingsOf(selected) {
		if (!selected.includes(SCAN_FINISHED)) return undefined;
		const options = this.getNodeParameter('scanOptions', {}) as IDataObject;
		const terminalStateKeys = terminalStateKeysOf(
			options.terminalStates ?? DEFAULT_TERMINAL_STATES,
		);
		if (terminalStateKeys.size === 0) {
			throw new NodeOperationError(this.getNode(), EMPTY_TERMINAL_STATES.message, {
				description: EMPTY_TERMINAL_STATES.description,
			});
		}
		return {
			terminalStateKeys,
			profileNames: listedValues(options.scanProfileNames),
			outcome: (options.outcome as OutcomeFilter | undefined) ?? 'any',
		};
	},
	async poll(cursor, settings) {
		const detection = await pollScans.call(this, cursor, settings);
		return { ...detection, events: detection.events.map(withoutSecrets) };
	},
	async sampleEvent(settings) {
		const event = await sampleFinishedScan.call(this, settings);
		return event && withoutSecrets(event);
	},
};
