import type { IDataObject } from 'n8n-workflow';

import { newestFirst } from '../../nodes/BigId/api/list';
import { DEFAULT_TERMINAL_STATES, terminalStateKeysOf } from '../../nodes/BigId/model/scan';
import type { TriggerEvent } from '../../nodes/BigId/trigger/events';
import type { ScanCursor } from '../../nodes/BigId/trigger/scan/scanChanges';
import { detectFinishedScans } from '../../nodes/BigId/trigger/scan/scanChanges';
import { createSeededRandom, ObjectIdFactory } from '../../sandbox/random';
import type { Delivery, SaveModel } from '../harness/staticData';
import { clone, Persistence, SAVE_MODELS } from '../harness/staticData';

/** Whether the poller's newest-first listing stops after this page (api/list.ts `newestFirst`). */
const reachesPastCursor = (cursor: ScanCursor | undefined, page: IDataObject[]) =>
	newestFirst({}, cursor?.updatedAt ?? Infinity).stopWhen!(page);

describe('detectFinishedScans', () => {
	const options = {
		terminalStateKeys: terminalStateKeysOf(DEFAULT_TERMINAL_STATES),
		profileNames: [],
		outcome: 'any' as const,
	};
	const at = (seconds: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, seconds)).toISOString();
	const scan = (id: string, state: string, seconds: number, profile = 'Nightly') => ({
		_id: id,
		state,
		updated_at: at(seconds),
		scanProfileName: profile,
	});

	it('takes the newest scan as the baseline and reports nothing', () => {
		const { events, nextState } = detectFinishedScans(
			undefined,
			[scan('b', 'Completed', 20), scan('a', 'Completed', 10)],
			options,
		);
		expect(events).toEqual([]);
		expect(nextState).toEqual({ updatedAt: Date.parse(at(20)), boundary: ['b:completed'] });
	});

	it('reports a tie at the cursor once: neither lost nor repeated', () => {
		const cursor: ScanCursor = { updatedAt: Date.parse(at(20)), boundary: ['b:completed'] };
		const listing = [
			scan('c', 'Failed', 20),
			scan('b', 'Completed', 20),
			scan('a', 'Completed', 10),
		];
		const first = detectFinishedScans(cursor, listing, options);
		expect(first.events.map((event) => event.scan!._id)).toEqual(['c']);
		expect(first.nextState.boundary).toEqual(['b:completed', 'c:failed']);
		expect(detectFinishedScans(first.nextState, listing, options).events).toEqual([]);
	});

	it('skips running scans, filters by outcome and profile, compares states without case', () => {
		const cursor: ScanCursor = { updatedAt: Date.parse(at(0)), boundary: [] };
		const listing = [
			scan('r', 'InProgress', 5),
			scan('w', 'completed_with_errors', 4, 'Weekly'),
			scan('f', 'FAILED', 3),
			scan('s', 'Completed', 2),
		];
		const ids = (result: { events: TriggerEvent[] }) => result.events.map((e) => e.scan!._id);
		expect(ids(detectFinishedScans(cursor, listing, options))).toEqual(['s', 'f', 'w']);
		expect(ids(detectFinishedScans(cursor, listing, { ...options, outcome: 'failed' }))).toEqual([
			'f',
			'w',
		]);
		expect(
			ids(detectFinishedScans(cursor, listing, { ...options, profileNames: [' weekly '] })),
		).toEqual(['w']);
		expect(reachesPastCursor(cursor, listing)).toBe(false);
		expect(reachesPastCursor({ updatedAt: Date.parse(at(3)), boundary: [] }, listing)).toBe(true);
	});
});

// ----- the property test -----

describe('property: each finished scan is emitted exactly once under every save model', () => {
	const TERMINAL = ['Completed', 'Failed', 'Stopped', 'Aborted', 'CompletedWithErrors'];
	const options = {
		terminalStateKeys: terminalStateKeysOf(TERMINAL.join(',')),
		profileNames: [],
		outcome: 'any' as const,
	};
	const PAGE_SIZE = 3;

	function runScanSequence(seed: number, model: SaveModel, faults: boolean, crashes: boolean) {
		const random = createSeededRandom(seed);
		const ids = new ObjectIdFactory(random, Date.UTC(2024, 0, 1) / 1000);
		const persistence = new Persistence<ScanCursor>(model, random, faults, crashes);
		const scans: Array<{ _id: string; state: string; updated_at: string }> = [];
		let now = Date.UTC(2024, 0, 1);
		const deliveries: Delivery[] = [];
		const terminal = (scan: { state: string }) => TERMINAL.includes(scan.state);

		const change = () => {
			// Coarse clock: many scans share an updated_at, the ties the boundary set is for.
			if (random.chance(0.5)) now += 1000;
			const running = scans.filter((scan) => !terminal(scan));
			const stamp = new Date(now).toISOString();
			if (running.length === 0 || random.chance(0.4)) {
				scans.push({ _id: ids.next(), state: 'InProgress', updated_at: stamp });
			} else {
				const scan = random.pick(running);
				scan.state = random.chance(0.6) ? random.pick(TERMINAL) : 'InProgress';
				scan.updated_at = stamp;
			}
		};
		/** What the poller reads: newest first, page by page, until a page reaches the cursor. */
		const listing = (cursor: ScanCursor | undefined) => {
			const sorted = scans
				.map(clone)
				.sort(
					(a, b) =>
						Date.parse(b.updated_at) - Date.parse(a.updated_at) || (random.chance(0.5) ? 1 : -1),
				);
			const read: typeof sorted = [];
			for (let skip = 0; skip < sorted.length; skip += PAGE_SIZE) {
				const page = sorted.slice(skip, skip + PAGE_SIZE);
				read.push(...page);
				if (reachesPastCursor(cursor, page)) break;
			}
			return read;
		};
		const poll = (mayFail: boolean) => {
			if (mayFail && random.chance(0.1)) return;
			const result = detectFinishedScans(
				persistence.current.state,
				listing(persistence.current.state),
				options,
			);
			const snapshot = () => new Map(scans.filter(terminal).map((scan) => [scan._id, {}]));
			const { deliveries: times, lineage } = persistence.finishPoll(
				result.nextState,
				snapshot,
				result.events.length > 0,
			);
			for (let time = 0; time < times; time++) {
				deliveries.push({ events: result.events, lineage, world: new Map() });
			}
		};

		for (let step = random.integer(10, 39); step > 0; step--) {
			for (let count = random.integer(0, 3); count > 0; count--) change();
			if (faults && random.chance(0.08)) persistence.restart();
			poll(faults);
		}
		for (let settle = 0; settle < 2; settle++) poll(false);
		return { persistence, deliveries, scans };
	}

	it('holds for 600 random sequences with ties, paging stops, failures, re-runs and restarts', () => {
		for (let index = 0; index < 600; index++) {
			const model = SAVE_MODELS[index % SAVE_MODELS.length];
			const faults = index % 10 !== 0;
			const crashes = faults && index % 4 === 1;
			const { persistence, deliveries, scans } = runScanSequence(
				5000 + index,
				model,
				faults,
				crashes,
			);
			const context = `scan seed ${5000 + index}, ${model}`;
			const final = persistence.current;
			const emitted = deliveries
				.filter((delivery) => delivery.lineage === final.lineage)
				.flatMap((delivery) => delivery.events);
			const ids = emitted.map((event) => String(event.scan!._id));
			if (persistence.lostSaves === 0 && persistence.redeliveries === 0) {
				expect({ context, duplicates: ids.filter((id, at) => ids.indexOf(id) !== at) }).toEqual({
					context,
					duplicates: [],
				});
			}
			const expected = scans
				.filter((scan) => TERMINAL.includes(scan.state) && !final.baseline!.has(scan._id))
				.map((scan) => scan._id);
			expect({ context, emitted: [...new Set(ids)].sort() }).toEqual({
				context,
				emitted: expected.sort(),
			});
		}
	});
});
