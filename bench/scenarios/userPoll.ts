import type { IDataObject } from 'n8n-workflow';

import { USER_EVENTS } from '../../nodes/BigId/trigger/user/events';
import type { UserState } from '../../nodes/BigId/trigger/user/userChanges';
import { detectUserChanges } from '../../nodes/BigId/trigger/user/userChanges';
import { USER_FIELDS } from '../../nodes/BigId/trigger/user/userRecords';
import type { Sandbox, SandboxStore } from '../../sandbox';
import { measure, pairedRuns, spread } from '../measure';
import { RawClient } from '../rawClient';
import { countGoal } from '../report';
import type { Measured, Scenario } from './common';
import {
	countRow,
	activeTrigger,
	logins,
	memoryRows,
	ms,
	overheadRow,
	PAGE_CAP,
	pagesFor,
	pairedRow,
	produced,
	requests,
	requestsTo,
} from './common';

const LIST_ROUTE = 'GET /api/v1/users';
const READ_ROUTE = 'GET /api/v1/users/:id';
const STATE_GOAL_BYTES_PER_USER = 40;
type ChangeKind = 'create' | 'email' | 'role' | 'disable' | 'delete';
const CHANGE_KINDS: ChangeKind[] = ['create', 'email', 'role', 'disable', 'delete'];

/**
 * Applies `count` changes, each to a different user nobody changed before, in equal shares of
 * creations, email changes, role changes, disablings and deletions: each is one event.
 */
function changeUsers(store: SandboxStore, count: number, touched: Set<string>, round: number) {
	const untouched = store.users.filter((user) => !touched.has(user.id) && user.isEnabled !== false);
	const kinds = Array.from(
		{ length: count },
		(_, index) => CHANGE_KINDS[index % CHANGE_KINDS.length],
	);
	const existingUsersNeeded = kinds.filter((kind) => kind !== 'create').length;
	if (untouched.length < existingUsersNeeded) {
		throw new Error(
			`Poll ${round + 1} needs ${existingUsersNeeded} enabled users nobody changed yet, and only ${untouched.length} are left: raise --users or lower --changes or --runs`,
		);
	}
	let deletions = 0;
	for (const [index, kind] of kinds.entries()) {
		if (kind === 'create') {
			const name = `bench-${round}-${index}`;
			touched.add(store.createUser({ name, email: `${name}@acme.test`, role: 'Viewer' }).id);
			continue;
		}
		const user = untouched.pop()!;
		touched.add(user.id);
		if (kind === 'email') store.updateUser(user.id, { email: `changed-${round}-${user.email}` });
		if (kind === 'role') {
			const otherRole = store.roles.find((role) => role.name !== user.role);
			store.updateUser(user.id, { role: otherRole?.name });
		}
		if (kind === 'disable') store.updateUser(user.id, { isEnabled: false });
		if (kind === 'delete') {
			store.deleteUser(user.id);
			deletions++;
		}
	}
	return deletions;
}

interface UserPoll extends Measured {
	/** The listing's pages and the users deleted before this poll: what its requests should be. */
	pages: number;
	deletions: number;
	/** The node's static data as n8n saves it, over the number of users. */
	stateBytesPerUser: number;
	/** The pack's own work on the same listing: detection and the next state, without any request. */
	detectionMs: number;
}

/**
 * Times the trigger's change detection alone on what the poll is about to list, from the state
 * the poll starts from, with the trigger's default options.
 */
async function timeDetection(sandbox: Sandbox, previous: UserState): Promise<number> {
	const users = JSON.parse(JSON.stringify(sandbox.store.users)) as IDataObject[];
	const options = {
		events: [...USER_EVENTS],
		watchedFields: [...USER_FIELDS],
		keepPreviousValues: false,
		now: Date.now(),
	};
	const { measurement } = await measure(sandbox, async () =>
		detectUserChanges(previous, { users, complete: true }, options),
	);
	return measurement.ms;
}

/** The user trigger over every user, each poll finding `changes` changes. */
export const userTriggerPoll: Scenario = async ({ sandbox, options }) => {
	const { store } = sandbox;
	const trigger = await activeTrigger(sandbox, [...USER_EVENTS]);
	const raw = new RawClient(sandbox);
	await raw.login();

	const touched = new Set<string>();
	let round = 0;
	const packPoll = async (): Promise<UserPoll> => {
		const deletions = changeUsers(store, options.changes, touched, round++);
		const pages = pagesFor(store.users.length, PAGE_CAP);
		const detectionMs = await timeDetection(
			sandbox,
			trigger.savedState.users as unknown as UserState,
		);
		const { result, measurement } = await measure(sandbox, () => trigger.poll());
		if (result.error) throw result.error;
		return {
			measurement,
			produced: result.items?.length ?? 0,
			pages,
			deletions,
			detectionMs,
			stateBytesPerUser: Buffer.byteLength(JSON.stringify(trigger.savedState)) / store.users.length,
		};
	};
	const rawListing = async (): Promise<Measured> => {
		const { result, measurement } = await measure(sandbox, () =>
			raw.listAll('/api/v1/users', 'users', PAGE_CAP),
		);
		return { measurement, produced: result.length };
	};
	const pairs = await pairedRuns(options, packPoll, rawListing);
	await raw.close();

	const stateBytesPerUser = pairs.map((pair) => pair.pack.stateBytesPerUser);
	const label = `User trigger, ${store.users.length.toLocaleString('en-US')} users, ${options.changes} changes`;
	return [
		pairedRow(4, `${label}: time per poll vs the listing (ms)`, pairs, ms, 0),
		overheadRow(4, `${label}: time beyond the listing (ms)`, pairs),
		{
			scenario: 4,
			figure: `${label}: of which change detection alone (ms)`,
			pack: spread(pairs.map((pair) => pair.pack.detectionMs)),
			digits: 1,
		},
		countRow(4, `${label}: requests per poll`, pairs, requests, {
			text: 'pages + 1 read per deleted user',
			met: (run) =>
				requestsTo(LIST_ROUTE)(run) === run.pages &&
				requestsTo(READ_ROUTE)(run) === run.deletions &&
				requests(run) === run.pages + run.deletions &&
				logins(run) === 0,
		}),
		{
			...countRow(4, `${label}: events`, pairs, produced, {
				text: `= ${options.changes}`,
				met: (run) => produced(run) === options.changes,
			}),
			raw: undefined,
		},
		{
			scenario: 4,
			figure: `${label}: saved state (bytes per user)`,
			pack: spread(stateBytesPerUser),
			goal: countGoal(
				`≤ ${STATE_GOAL_BYTES_PER_USER}`,
				stateBytesPerUser.every((bytes) => bytes <= STATE_GOAL_BYTES_PER_USER),
			),
			digits: 1,
		},
		...memoryRows(4, label, pairs),
	];
};
