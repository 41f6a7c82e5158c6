import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { startRun } from './api/runCache';
import { pollAuditLog, sampleAuditEntry } from './trigger/auditPoller';
import { pollCases, sampleCase } from './trigger/casePoller';
import { properties } from './trigger/descriptions';
import type { TriggerEvent } from './trigger/events';
import { sortEvents } from './trigger/events';
import { toTriggerItem } from './trigger/output';
import { pollScans, sampleFinishedScan } from './trigger/scanPoller';
import type { TriggerSettings } from './trigger/settings';
import { readSettings } from './trigger/settings';
import type { TriggerState } from './trigger/state';
import { readState, writeState } from './trigger/state';
import { pollUsers, sampleCreatedUser } from './trigger/userPoller';

/** "Fetch Test Event": one real recent example per kind of event; the state is not read or written. */
async function samples(this: IPollFunctions, settings: TriggerSettings): Promise<TriggerEvent[]> {
	const events: TriggerEvent[] = [];
	if (settings.scans) {
		const scan = await sampleFinishedScan.call(this, settings.scans);
		if (scan) events.push(scan);
	}
	if (settings.users) {
		const user = await sampleCreatedUser.call(this, settings.users);
		if (user) events.push(user);
	}
	if (settings.cases) {
		const dspmCase = await sampleCase.call(this, settings.cases);
		if (dspmCase) events.push(dspmCase);
	}
	if (settings.audit) {
		const entry = await sampleAuditEntry.call(this, settings.audit);
		if (entry) events.push(entry);
	}
	if (events.length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			'BigID has no finished scan, user, DSPM case or audit log line to show',
			{
				description:
					'Fetch Test Event shows the newest finished parent scan (matching the Scan Options), the newest user, the newest DSPM case (matching the Case Options) and the newest audit log line (matching the Audit Log Options). Finish a scan or create a user in BigID, or activate the workflow and wait for a real event.',
			},
		);
	}
	return events;
}

export class BigIdTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BigID Trigger',
		name: 'bigIdTrigger',
		icon: { light: 'file:bigid.svg', dark: 'file:bigid.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when a BigID scan finishes, a BigID user is created, changed or deleted, a DSPM case is opened or changes status, or a line is added to the BigID audit log',
		defaults: { name: 'BigID Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'bigIdApi', required: true }],
		properties,
	};

	/**
	 * Exactly once under every way n8n keeps static data: all requests first, then the state is
	 * changed in place in one step, and the events are a function of (saved state, BigID's answer)
	 * with stable ids. A failed request throws before anything changed, so the next poll catches
	 * up; a poll run again on an older saved state re-derives the same events and ids.
	 */
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		startRun(this);
		const settings = readSettings.call(this);
		if (this.getMode() === 'manual') {
			return [sortEvents(await samples.call(this, settings)).map(toTriggerItem)];
		}

		const staticData = this.getWorkflowStaticData('node');
		const saved = readState(staticData);
		const next: TriggerState = {};
		const events: TriggerEvent[] = [];
		if (settings.scans) {
			const scans = await pollScans.call(this, saved.scans, settings.scans);
			next.scans = scans.nextState;
			events.push(...scans.events);
		}
		if (settings.users) {
			const users = await pollUsers.call(this, saved.users, settings.users, Date.now());
			next.users = users.nextState;
			events.push(...users.events);
		}
		if (settings.cases) {
			const cases = await pollCases.call(this, saved.cases, settings.cases);
			next.cases = cases.nextState;
			events.push(...cases.events);
		}
		if (settings.audit) {
			const audit = await pollAuditLog.call(this, saved.audit, settings.audit);
			next.audit = audit.nextState;
			events.push(...audit.events);
		}
		writeState(staticData, next);
		return events.length > 0 ? [sortEvents(events).map(toTriggerItem)] : null;
	}
}
