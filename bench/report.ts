import { mkdirSync, writeFileSync } from 'fs';
import { cpus } from 'os';
import { dirname } from 'path';

import type { Spread } from './measure';
import { spread } from './measure';

export interface Goal {
	text: string;
	met: boolean;
	/** Count goals (requests, logins, items, state size) decide the exit code; time goals never do. */
	enforced: boolean;
}

export interface Row {
	scenario: number;
	figure: string;
	pack?: Spread;
	raw?: Spread;
	/** Taken pair by pair (pack run / raw run), so machine noise cancels. */
	ratio?: Spread;
	/** The same work as a sequential loop of n8n's request helper in the same engine. */
	peer?: Spread;
	/** Pack run / peer run, pair by pair. */
	peerRatio?: Spread;
	goal?: Goal;
	/** Decimals shown in the table. */
	digits: number;
}

export const countGoal = (text: string, met: boolean): Goal => ({ text, met, enforced: true });
export const timeGoal = (text: string, met: boolean): Goal => ({ text, met, enforced: false });

/** Ratios of paired values, pack over raw. */
export function ratios(pack: number[], raw: number[]): Spread {
	return spread(pack.map((value, index) => value / raw[index]));
}

function formatNumber(value: number, digits: number): string {
	return value.toLocaleString('en-US', {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits,
	});
}

function formatSpread(value: Spread | undefined, digits: number): string {
	if (!value) return '—';
	const median = formatNumber(value.median, digits);
	const min = formatNumber(value.min, digits);
	const max = formatNumber(value.max, digits);
	return min === max ? median : `${median} [${min}–${max}]`;
}

function goalCell(goal: Goal | undefined): string {
	if (!goal) return '';
	const verdict = goal.met ? 'met' : goal.enforced ? '**MISSED**' : 'missed';
	return `${goal.text}: ${verdict}`;
}

/** A Markdown table, so the output can go into docs/performance.md as printed. */
export function formatTable(rows: Row[]): string {
	const withPeer = rows.some((row) => row.peer !== undefined);
	const header = [
		'Figure',
		'Pack median [min–max]',
		...(withPeer ? ['Peer median [min–max]'] : []),
		'Raw median [min–max]',
		...(withPeer ? ['Pack/peer'] : []),
		'Pack/raw',
		'Goal',
	];
	const cells = rows.map((row) => [
		`${row.scenario}. ${row.figure}`,
		formatSpread(row.pack, row.digits),
		...(withPeer ? [formatSpread(row.peer, row.digits)] : []),
		formatSpread(row.raw, row.digits),
		...(withPeer ? [formatSpread(row.peerRatio, 2)] : []),
		formatSpread(row.ratio, 2),
		goalCell(row.goal),
	]);
	const widths = header.map((title, column) =>
		Math.max(title.length, ...cells.map((line) => line[column].length)),
	);
	const line = (values: string[]) =>
		`| ${values.map((value, column) => value.padEnd(widths[column])).join(' | ')} |`;
	return [
		line(header),
		line(widths.map((width) => '-'.repeat(width))),
		...cells.map((values) => line(values)),
	].join('\n');
}

export function missedCountGoals(rows: Row[]): Row[] {
	return rows.filter((row) => row.goal?.enforced && !row.goal.met);
}

export function writeJson(path: string, options: object, rows: Row[]): void {
	mkdirSync(dirname(path), { recursive: true });
	const report = {
		date: new Date().toISOString(),
		node: process.version,
		platform: `${process.platform} ${process.arch}`,
		cpus: cpus().length,
		cpuModel: cpus()[0]?.model,
		options,
		rows,
		missedCountGoals: missedCountGoals(rows).map((row) => `${row.scenario}. ${row.figure}`),
	};
	writeFileSync(path, `${JSON.stringify(report, null, '\t')}\n`);
}
