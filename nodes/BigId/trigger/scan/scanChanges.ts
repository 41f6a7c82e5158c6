/**
 * Scan change detection: which parent scans reached a terminal state since the cursor the last
 * poll left, and the cursor to remember. No n8n, no HTTP.
 */
import type { IDataObject } from 'n8n-workflow';

import { idOf, sameText, timeOf, updatedAtOf } from '../../model/object';
import {
	completedAtValueOf,
	isScanFinished,
	isScanSucceeded,
	scanStateKey,
} from '../../model/scan';
import type { ScanOutcome, TriggerEvent } from '../events';
import { sortEvents } from '../events';
import type { UpdatedAtCursor } from '../cursor';
import { BEFORE_EVERYTHING, changedSince, cursorAfter } from '../cursor';
import { hashId } from '../fingerprint';

/** Its boundary holds `id:state` keys. */
export type ScanCursor = UpdatedAtCursor;

export type OutcomeFilter = 'any' | ScanOutcome;

export interface ScanDetectionOptions {
	/** The keys (model/scan.ts `scanStateKey`) of the states that end a scan. */
	terminalStateKeys: ReadonlySet<string>;
	/** Scan profile names to report; empty for every profile. Compared without case. */
	profileNames: readonly string[];
	outcome: OutcomeFilter;
}

export interface ScanDetection {
	events: TriggerEvent[];
	nextState: ScanCursor;
}

function boundaryKey(scan: IDataObject): string {
	return `${idOf(scan) ?? ''}:${scanStateKey(scan.state)}`;
}

export function scanProfileNameOf(scan: IDataObject): string | undefined {
	const profile = scan.scanProfile as IDataObject | undefined;
	const name = scan.scanProfileName ?? profile?.name ?? scan.name;
	return typeof name === 'string' ? name : undefined;
}

export function outcomeOf(scan: IDataObject): ScanOutcome {
	return isScanSucceeded(scan.state) ? 'succeeded' : 'failed';
}

export function matchesScanFilters(scan: IDataObject, options: ScanDetectionOptions): boolean {
	if (!isScanFinished(scan.state, options.terminalStateKeys)) return false;
	if (options.outcome !== 'any' && outcomeOf(scan) !== options.outcome) return false;
	if (options.profileNames.length === 0) return true;
	const profile = scanProfileNameOf(scan);
	return options.profileNames.some((name) => sameText(profile, name));
}

export function scanFinishedEvent(scan: IDataObject): TriggerEvent {
	const updatedAt = updatedAtOf(scan);
	return {
		event: 'scanFinished',
		eventId: hashId([
			'scanFinished',
			idOf(scan) ?? '',
			scanStateKey(scan.state),
			String(updatedAt),
		]),
		occurredAt: timeOf(completedAtValueOf(scan), updatedAt),
		scan,
		outcome: outcomeOf(scan),
	};
}

/**
 * Parent scans changed since the cursor, of which those that reached a terminal state (and
 * pass the filters) are reported. Without a cursor this is the baseline: the newest listed
 * scan becomes the cursor, nothing is reported.
 */
export function detectFinishedScans(
	previous: ScanCursor | undefined,
	parents: IDataObject[],
	options: ScanDetectionOptions,
): ScanDetection {
	const cursor = previous ?? BEFORE_EVERYTHING;
	const fresh = changedSince(cursor, parents, boundaryKey);
	const nextState = cursorAfter(cursor, fresh, boundaryKey);
	if (previous === undefined) return { events: [], nextState };

	const seen = new Set<string>();
	const events = fresh
		.filter((scan) => {
			const key = boundaryKey(scan);
			if (seen.has(key)) return false;
			seen.add(key);
			return matchesScanFilters(scan, options);
		})
		.map(scanFinishedEvent);
	return { events: sortEvents(events), nextState };
}
