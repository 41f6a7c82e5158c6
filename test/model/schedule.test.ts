import { cronExpressionProblem, timeZoneProblem } from '../../nodes/BigId/model/schedule';

describe('cronExpressionProblem', () => {
	it.each([
		'* * * * *',
		'0 2 * * 0',
		'0 2 * * 7',
		'*/15 * * * *',
		'0,30 8-18 * * MON-FRI',
		'0 0 1 JAN,jul *',
		'5 4 1-31/2 * sun',
		'0 0 * 1-12/3 1,3,5',
		'  0   3 * *   *  ',
	])('accepts %p', (expression) => {
		expect(cronExpressionProblem(expression)).toBeUndefined();
	});

	it.each([
		['0 0 2 * * 0', 'expected 5 fields (minute hour day month weekday), got 6'],
		['0 2 * *', 'expected 5 fields (minute hour day month weekday), got 4'],
		['@daily', 'expected 5 fields (minute hour day month weekday), got 1'],
		['', 'it is empty'],
		['60 * * * *', 'minute: 60 is out of range 0-59'],
		['0 24 * * *', 'hour: 24 is out of range 0-23'],
		['0 0 0 * *', 'day of month: 0 is out of range 1-31'],
		['0 0 * 13 *', 'month: 13 is out of range 1-12'],
		['0 0 * * 8', 'day of week: 8 is out of range 0-7'],
		['0 0 * FOO *', 'month: "FOO" is not a number or a name (JAN-DEC)'],
		['0 0 * * MONDAY', 'day of week: "MONDAY" is not a number or a name (SUN-SAT)'],
		['0 0 ? * *', 'day of month: "?" is not a number'],
		['*/0 * * * *', 'minute: step "0" must be a whole number from 1 to 60'],
		['*/x * * * *', 'minute: step "x" must be a whole number from 1 to 60'],
		['1/2/3 * * * *', 'minute: "1/2/3" has more than one /'],
		['0 18-8 * * *', 'hour: range 18-8 runs backwards'],
		['0 1-2-3 * * *', 'hour: "1-2-3" is not a range like 1-5'],
		['0,,5 * * * *', 'minute: a list has an empty entry'],
		['0 0 L * *', 'day of month: "L" is not a number'],
	])('rejects %p: %s', (expression, reason) => {
		expect(cronExpressionProblem(expression)).toBe(reason);
	});
});

describe('timeZoneProblem', () => {
	it.each(['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'])('accepts %p', (zone) => {
		expect(timeZoneProblem(zone)).toBeUndefined();
	});

	it.each([
		['Mars/Olympus_Mons', '"Mars/Olympus_Mons" is not a known IANA time zone'],
		['UTC+25', '"UTC+25" is not a known IANA time zone'],
		['', 'it is empty'],
	])('rejects %p', (zone, reason) => {
		expect(timeZoneProblem(zone)).toBe(reason);
	});
});
