/**
 * Pure checks of a scan profile's schedule, run before any request so that a typo is reported
 * with its reason instead of as BigID's generic 400.
 */

interface CronField {
	name: string;
	min: number;
	max: number;
	/** Names accepted instead of numbers, from `min` on: JAN=1, SUN=0. */
	names?: string[];
}

const MONTH_NAMES = [
	'JAN',
	'FEB',
	'MAR',
	'APR',
	'MAY',
	'JUN',
	'JUL',
	'AUG',
	'SEP',
	'OCT',
	'NOV',
	'DEC',
];
const WEEKDAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const CRON_FIELDS: CronField[] = [
	{ name: 'minute', min: 0, max: 59 },
	{ name: 'hour', min: 0, max: 23 },
	{ name: 'day of month', min: 1, max: 31 },
	{ name: 'month', min: 1, max: 12, names: MONTH_NAMES },
	// 7 is Sunday too, as in every common cron.
	{ name: 'day of week', min: 0, max: 7, names: WEEKDAY_NAMES },
];

export const CRON_FORMAT_HINT =
	'Enter five fields separated by spaces: minute hour day-of-month month day-of-week, for example "0 2 * * 0" (Sundays at 02:00). Each field takes *, a number, a list (1,15), a range (MON-FRI) or a step (*/15); seconds and years are not supported.';

function readValue(text: string, field: CronField): number | string {
	if (/^\d+$/.test(text)) {
		const value = Number(text);
		if (value < field.min || value > field.max) {
			return `${field.name}: ${text} is out of range ${field.min}-${field.max}`;
		}
		return value;
	}
	const nameIndex = field.names?.indexOf(text.toUpperCase()) ?? -1;
	if (nameIndex >= 0) return field.min + nameIndex;
	const allowedNames = field.names
		? ` or a name (${field.names[0]}-${field.names[field.names.length - 1]})`
		: '';
	return `${field.name}: "${text}" is not a number${allowedNames}`;
}

/** One comma-separated part: `*`, `n`, `a-b`, each optionally with `/step`. */
function partProblem(part: string, field: CronField): string | undefined {
	if (part === '') return `${field.name}: a list has an empty entry`;
	const [base, step, ...extra] = part.split('/');
	if (extra.length > 0) return `${field.name}: "${part}" has more than one /`;
	if (step !== undefined) {
		const span = field.max - field.min + 1;
		if (!/^\d+$/.test(step) || Number(step) < 1 || Number(step) > span) {
			return `${field.name}: step "${step}" must be a whole number from 1 to ${span}`;
		}
	}
	if (base === '*') return undefined;
	const bounds = base.split('-');
	if (bounds.length > 2) return `${field.name}: "${base}" is not a range like 1-5`;
	const values: number[] = [];
	for (const bound of bounds) {
		const value = readValue(bound, field);
		if (typeof value === 'string') return value;
		values.push(value);
	}
	if (values.length === 2 && values[0] > values[1]) {
		return `${field.name}: range ${base} runs backwards`;
	}
	return undefined;
}

/** Why a 5-field cron expression is not valid, or undefined when it is. */
export function cronExpressionProblem(expression: string): string | undefined {
	const fields = expression.trim().split(/\s+/).filter(Boolean);
	if (fields.length === 0) return 'it is empty';
	if (fields.length !== CRON_FIELDS.length) {
		return `expected 5 fields (minute hour day month weekday), got ${fields.length}`;
	}
	for (const [index, text] of fields.entries()) {
		for (const part of text.split(',')) {
			const problem = partProblem(part, CRON_FIELDS[index]);
			if (problem) return problem;
		}
	}
	return undefined;
}

/** Why a time zone is not an IANA name this runtime knows, or undefined when it is. */
export function timeZoneProblem(timeZone: string): string | undefined {
	if (timeZone.trim() === '') return 'it is empty';
	try {
		new Intl.DateTimeFormat(undefined, { timeZone });
		return undefined;
	} catch {
		// Intl throws a RangeError for a zone it does not know.
		return `"${timeZone}" is not a known IANA time zone`;
	}
}
