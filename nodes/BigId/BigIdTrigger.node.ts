import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { startRun } from './api/runCache';
import { properties } from './trigger/descriptions';
import type { TriggerEvent } from './trigger/events';
import { sortEvents } from './trigger/events';
import { toTriggerItem } from './trigger/output';
import { WATCHED_OBJECTS } from './trigger/registry';
import { writeState } from './trigger/state';
import type { WatchedObject } from './trigger/watchedObject';

/** A watched object with the settings it read for this poll. */
interface Watching {
	watched: WatchedObject;
	settings: unknown;
}

/** `a, b, c or d` */
function listed(words: string[], last: string): string {
	return words.length > 1
		? `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1)}`
		: words.join('');
}

/** Every parameter checked before the first request, so a misconfiguration never costs a poll's state. */
function watchingOf(this: IPollFunctions): Watching[] {
	const selected = this.getNodeParameter('events', []) as string[];
	if (selected.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No event is selected', {
			description: 'Choose at least one event in Events.',
		});
	}
	return WATCHED_OBJECTS.flatMap((watched: WatchedObject) => {
		const settings = watched.settingsOf.call(this, selected);
		return settings === undefined ? [] : [{ watched, settings }];
	});
}

/** "Fetch Test Event": one real recent example per kind of event; the state is not read or written. */
async function samples(this: IPollFunctions, watching: Watching[]): Promise<TriggerEvent[]> {
	const events: TriggerEvent[] = [];
	for (const { watched, settings } of watching) {
		const event = await watched.sampleEvent.call(this, settings);
		if (event) events.push(event);
	}
	if (events.length === 0) {
		const samples = WATCHED_OBJECTS.map(({ sample }) => sample);
		throw new NodeOperationError(
			this.getNode(),
			`BigID has no ${listed(
				samples.map(({ none }) => none),
				'or',
			)} to show`,
			{
				description: `Fetch Test Event shows ${listed(
					samples.map(({ shows }) => `the newest ${shows}`),
					'and',
				)}. Finish a scan or create a user in BigID, or activate the workflow and wait for a real event.`,
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
		const watching = watchingOf.call(this);
		if (this.getMode() === 'manual') {
			return [sortEvents(await samples.call(this, watching)).map(toTriggerItem)];
		}

		const staticData = this.getWorkflowStaticData('node');
		const next = new Map<string, unknown>();
		const events: TriggerEvent[] = [];
		for (const { watched, settings } of watching) {
			const poll = await watched.poll.call(this, staticData[watched.stateKey], settings);
			next.set(watched.stateKey, poll.nextState);
			events.push(...poll.events);
		}
		writeState(staticData, next);
		return events.length > 0 ? [sortEvents(events).map(toTriggerItem)] : null;
	}
}
