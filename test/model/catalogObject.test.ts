import {
	catalogCountOf,
	catalogObjectOf,
	catalogQueryOf,
	quoteQueryValue,
} from '../../nodes/BigId/model/catalogObject';
import type { CatalogQuery } from '../../sandbox/entities/catalog/queryLanguage';
import { parseCatalogQuery } from '../../sandbox/entities/catalog/queryLanguage';

describe('quoteQueryValue', () => {
	it.each([
		['crm-db', '"crm-db"'],
		['say "hi"', '"say \\"hi\\""'],
		['C:\\temp', '"C:\\\\temp"'],
		['a" OR system = "x', '"a\\" OR system = \\"x"'],
		['line\nbreak', '"line\\nbreak"'],
		['', '""'],
	])('%j becomes %s', (value, quoted) => {
		expect(quoteQueryValue(value)).toBe(quoted);
	});
});

describe('catalogQueryOf', () => {
	it.each([
		[{}, ''],
		[{ dataSourceNames: ['crm-db'] }, 'system = "crm-db"'],
		[{ dataSourceNames: ['crm-db', ' hr-db ', 'crm-db', ''] }, 'system IN ("crm-db", "hr-db")'],
		[
			{ attributes: ['email'], policies: ['PCI', 'GDPR'] },
			'attribute = "email" AND policy IN ("PCI", "GDPR")',
		],
		[
			{ tags: [{ name: 'Access Type', value: 'Open Access' }] },
			'tags."Access Type" = "Open Access"',
		],
		[{ tags: [{ name: ' ', value: 'ignored' }] }, ''],
		[{ objectNameStartsWith: 'cust' }, 'objectName STARTSWITH "cust"'],
		[{ rawQuery: ' system = "a" OR system = "b" ' }, 'system = "a" OR system = "b"'],
		[
			{ rawQuery: 'system = "a" OR system = "b"', policies: ['PCI'] },
			'(system = "a" OR system = "b") AND policy = "PCI"',
		],
	])('%j gives %s', (filters, query) => {
		expect(catalogQueryOf(filters)).toBe(query);
	});

	/** The comparisons of a query, as the sandbox's parser of BigID's language reads them. */
	function comparisons(query: CatalogQuery): Array<{ field: string[]; values: string[] }> {
		if (query.kind === 'compare') return [{ field: query.field, values: query.values }];
		if (query.kind === 'not') return comparisons(query.operand);
		expect(query.kind).toBe('and');
		return [...comparisons(query.left), ...comparisons(query.right)];
	}

	it.each([
		'a" OR system != "x',
		'x") OR (policy = "y',
		'AND',
		'OR NOT',
		'(',
		')',
		'"',
		'\\',
		'\\"',
		'tail\\',
		'x" AND NOT attribute EXISTS AND "',
		'многоязычный 名前 \t\r\n',
	])('a value %j stays one value in every filter and changes nothing else', (hostile) => {
		const query = catalogQueryOf({
			dataSourceNames: [hostile],
			attributes: [hostile, 'email'],
			policies: [hostile],
			tags: [{ name: hostile, value: hostile }],
			objectNameStartsWith: hostile,
		});
		const trimmed = hostile.trim();
		expect(comparisons(parseCatalogQuery(query))).toEqual([
			{ field: ['system'], values: [trimmed] },
			{ field: ['attribute'], values: [trimmed, 'email'] },
			{ field: ['policy'], values: [trimmed] },
			{ field: ['tags', trimmed], values: [hostile] },
			{ field: ['objectName'], values: [trimmed] },
		]);
	});
});

describe('catalogObjectOf', () => {
	it('reads the sandbox and real spellings into one shape', () => {
		expect(
			catalogObjectOf({
				id: 'o1',
				fullyQualifiedName: 'crm.public.customers',
				objectName: 'customers',
				source: 'crm',
				objectType: 'rdb',
				attribute: ['email'],
				attribute_details: [
					{ name: 'email', count: 12 },
					{ name: 'phone', count: '3' },
				],
				policy: ['GDPR'],
				owner: 'dba@acme.test',
				last_scanned: '2026-01-01T00:00:00.000Z',
			}),
		).toEqual({
			id: 'o1',
			source: 'crm',
			name: 'customers',
			fullPath: 'crm.public.customers',
			type: 'rdb',
			attributes: [
				{ name: 'email', count: 12 },
				{ name: 'phone', count: 3 },
			],
			sensitiveFindings: 15,
			policies: ['GDPR'],
			tags: [],
			owner: 'dba@acme.test',
			lastScanned: '2026-01-01T00:00:00.000Z',
		});
		expect(
			catalogObjectOf({
				fullPath: 'bucket/a.csv',
				name: 'a.csv',
				system: 's3',
				type: 'file',
				attributes: ['ssn', { attributeName: 'iban' }, '', 7],
			}),
		).toMatchObject({
			id: 'bucket/a.csv',
			source: 's3',
			attributes: [
				{ name: 'ssn', count: null },
				{ name: 'iban', count: null },
			],
			sensitiveFindings: 0,
			owner: null,
			lastScanned: null,
		});
	});

	it.each([
		[{ count: 4 }, 4],
		[{ totalRowsCounter: '9' }, 9],
		[{ value: 2 }, 2],
		[{}, null],
		[{ count: 'many' }, null],
	])('counts %j as %s', (answer, count) => {
		expect(catalogCountOf(answer)).toBe(count);
	});
});
