import type { INodeProperties, INodePropertyOptions, IPollFunctions } from 'n8n-workflow';

import type { TriggerEvent } from './events';

/**
 * One kind of BigID object the trigger watches: its events, its options, how it polls. The
 * node, its Events list and its static data are derived from the table of these (registry.ts),
 * so a new watched object is a new folder and one line there.
 */
export interface WatchedObject<
	Settings = unknown,
	State = unknown,
	EventName extends string = string,
> {
	/** Its key in the node's static data. Never renamed: active workflows keep their state under it. */
	readonly stateKey: string;
	/** Its entries in Events, each `value` one of the event names its detection emits. */
	readonly events: ReadonlyArray<INodePropertyOptions & { value: EventName }>;
	/** Its options collection, shown while one of its events is selected. */
	readonly options: INodeProperties;
	/** What Fetch Test Event shows of it, as "the newest …", and what that is called when there is none. */
	readonly sample: { readonly shows: string; readonly none: string };
	/**
	 * Its settings, undefined when none of its events is selected. Checks every parameter and
	 * throws on a misconfiguration before any request, so it never costs a poll's state.
	 */
	settingsOf(this: IPollFunctions, selected: readonly string[]): Settings | undefined;
	/**
	 * One poll: its events since `state` (undefined before the first poll) and the next state,
	 * undefined to keep the saved one.
	 */
	poll(
		this: IPollFunctions,
		state: State | undefined,
		settings: Settings,
	): Promise<{ nextState: State | undefined; events: TriggerEvent[] }>;
	/** Fetch Test Event: one real recent example, or undefined; no state is read or written. */
	sampleEvent(this: IPollFunctions, settings: Settings): Promise<TriggerEvent | undefined>;
}

/** Those of `eventNames` that are selected, in the order of `eventNames`. */
export function selectedEventsOf<EventName extends string>(
	eventNames: readonly EventName[],
	selected: readonly string[],
): EventName[] {
	return eventNames.filter((event) => selected.includes(event));
}
