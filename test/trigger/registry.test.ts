/**
 * The trigger's table of watched objects: what the editor shows and the static data keys are
 * derived from it, so these are the rules a new watched object must keep.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

import { BigIdTrigger } from '../../nodes/BigId/BigIdTrigger.node';
import { WATCHED_OBJECTS } from '../../nodes/BigId/trigger/registry';

const description = new BigIdTrigger().description;
const eventsProperty = description.properties.find(({ name }) => name === 'events')!;
const eventOptions = eventsProperty.options as INodePropertyOptions[];

describe('the watched objects', () => {
	it('keep the static data keys active workflows saved their state under', () => {
		expect(WATCHED_OBJECTS.map(({ stateKey }) => stateKey)).toEqual([
			'scans',
			'users',
			'cases',
			'audit',
		]);
	});

	it('give Events every event of every object once, alphabetically', () => {
		const values = WATCHED_OBJECTS.flatMap(({ events }) => events.map(({ value }) => value));
		expect(new Set(values).size).toBe(values.length);
		expect(eventOptions.map(({ value }) => value).sort()).toEqual([...values].sort());
		const names = eventOptions.map(({ name }) => name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(eventsProperty.default).toEqual(['scanFinished']);
	});

	it('each show their options collection while one of their own events is selected', () => {
		for (const watched of WATCHED_OBJECTS) {
			const collection = description.properties.find(({ name }) => name === watched.options.name);
			expect(collection).toBe(watched.options);
			const shownFor = collection!.displayOptions!.show!.events as string[];
			expect([...shownFor].sort()).toEqual(watched.events.map(({ value }) => value).sort());
		}
	});

	it('list their options collections after Events, alphabetically', () => {
		const collections = description.properties.filter(({ type }) => type === 'collection');
		expect(collections.map(({ displayName }) => displayName)).toEqual([
			'Audit Log Options',
			'Case Options',
			'Scan Options',
			'User Options',
		]);
	});
});
