import { sarRecordsAsCsv } from '../../nodes/BigId/model/dsar';

describe('sarRecordsAsCsv', () => {
	// OWASP's CSV injection list: what a spreadsheet runs as a formula when a cell starts with it.
	it.each([
		['=1+1', "'=1+1"],
		['+1 555 0100', "'+1 555 0100"],
		['-2', "'-2"],
		['@SUM(A1)', "'@SUM(A1)"],
		['\tcmd', "'\tcmd"],
		['\rcmd', '"\'\rcmd"'],
		['=HYPERLINK("https://evil.example")', '"\'=HYPERLINK(""https://evil.example"")"'],
		['jane=doe', 'jane=doe'],
		['', ''],
	])('escapes the text %j as %j', (value, cell) => {
		expect(sarRecordsAsCsv([{ value }], { escapeFormulas: true })).toBe(`value\r\n${cell}\r\n`);
	});

	it.each([
		[-5, '-5'],
		[true, 'true'],
		[{ a: 1 }, '"{""a"":1}"'],
		[null, ''],
	])('writes the non-text %j as it is: %j', (value, cell) => {
		expect(sarRecordsAsCsv([{ value }], { escapeFormulas: true })).toBe(`value\r\n${cell}\r\n`);
	});

	it('leaves formulas as they are when not asked to escape them, quoting only what RFC 4180 needs', () => {
		expect(
			sarRecordsAsCsv([{ a: '=1+1', b: '+1 555' }, { b: 'x,y' }], { escapeFormulas: false }),
		).toBe('a,b\r\n=1+1,+1 555\r\n,"x,y"\r\n');
	});
});
