import type { IDataObject } from 'n8n-workflow';

import {
	dataSourceIdsOf,
	dataSourceMatches,
	isDataSourceEnabled,
} from '../../nodes/BigId/model/dataSource';
import {
	containsText,
	copyOf,
	fillAliases,
	idOf,
	normalizeObject,
	sameText,
} from '../../nodes/BigId/model/object';
import { findRole, nearestRoleName, roleNamesById } from '../../nodes/BigId/model/role';
import { writableFields } from '../../nodes/BigId/model/scanProfile';

describe('object', () => {
	it('prefers _id, takes numbers, and refuses anything else as an ID', () => {
		expect(idOf({ _id: 'a', id: 'b' })).toBe('a');
		expect(idOf({ id: 3 })).toBe('3');
		expect(idOf({ _id: null, id: 'b' })).toBe('b');
		expect(idOf({ _id: { $oid: 'a' } })).toBeUndefined();
		expect(idOf({})).toBeUndefined();
	});

	it('fills both spellings of the ID and of the timestamps, on a copy', () => {
		const raw = { _id: 'a', created_at: 'c', updated_at: 'u' };
		expect(normalizeObject(raw)).toEqual({
			_id: 'a',
			id: 'a',
			created_at: 'c',
			createdAt: 'c',
			updated_at: 'u',
			updatedAt: 'u',
		});
		expect(raw).toEqual({ _id: 'a', created_at: 'c', updated_at: 'u' });
	});

	it('copies an answer with a "__proto__" key without taking it as the prototype', () => {
		const answer = JSON.parse('{"_id": "a", "__proto__": {"isAdmin": true}}') as IDataObject;
		const normalized = normalizeObject(answer);
		expect(Object.getPrototypeOf(normalized)).toBe(Object.prototype);
		expect(normalized.isAdmin).toBeUndefined();
		expect(normalized).toEqual({ _id: 'a', id: 'a' });
	});

	it('copies without the keys it is told to leave out', () => {
		expect(copyOf({ name: 'n', password: 'p', token: 't' }, ['password', 'token'])).toEqual({
			name: 'n',
		});
	});

	it('keeps spellings that are already there', () => {
		expect(fillAliases({ id: 'login', _id: 'oid', createdAt: 'x', created_at: 'y' })).toEqual({
			id: 'login',
			_id: 'oid',
			createdAt: 'x',
			created_at: 'y',
		});
	});

	it('compares text without case or surrounding spaces', () => {
		expect(sameText(' JDoe@Example.com', 'jdoe@example.com ')).toBe(true);
		expect(sameText(undefined, '')).toBe(false);
		expect(containsText('STEW', 'Data Steward')).toBe(true);
		expect(containsText(undefined, 'anything')).toBe(true);
		expect(containsText('x', 5, null, 'abc')).toBe(false);
	});
});

describe('role', () => {
	const roles = [
		{ _id: 'r1', name: 'Admin' },
		{ _id: 'r2', id: 'viewer-id', name: 'Viewer' },
		{ _id: 'r3', name: 'Data Steward' },
	];

	it('finds a role by exact name or by either ID, never by a name in another case', () => {
		expect(findRole(roles, { mode: 'name', value: ' Viewer ' })).toBe(roles[1]);
		expect(findRole(roles, { mode: 'id', value: 'r3' })).toBe(roles[2]);
		expect(findRole(roles, { mode: 'list', value: 'viewer-id' })).toBe(roles[1]);
		expect(findRole(roles, { mode: 'name', value: 'viewer' })).toBeUndefined();
		expect(findRole(roles, { mode: 'id', value: 'Viewer' })).toBeUndefined();
	});

	it('suggests the name a typo most likely meant', () => {
		expect(nearestRoleName(roles, 'data_steward')).toBe('Data Steward');
		expect(nearestRoleName(roles, 'Admn')).toBe('Admin');
		expect(nearestRoleName(roles, 'Auditor')).toBeUndefined();
	});

	it('maps role IDs to names', () => {
		expect(roleNamesById([...roles, { name: 'No ID' }])).toEqual(
			new Map([
				['r1', 'Admin'],
				['r2', 'Viewer'],
				['r3', 'Data Steward'],
			]),
		);
	});
});

describe('data source', () => {
	it('reads IDs from an array, objects or separated text, once each', () => {
		expect(dataSourceIdsOf(['a', ' b ', 'a', '', null])).toEqual(['a', 'b']);
		expect(dataSourceIdsOf([{ _id: 'x' }, { id: 'y' }, {}])).toEqual(['x', 'y']);
		expect(dataSourceIdsOf('a, b\nc,')).toEqual(['a', 'b', 'c']);
		expect(dataSourceIdsOf(42)).toEqual([]);
	});

	it('counts "no" and "false" as disabled, anything else as enabled', () => {
		expect(
			['yes', 'no', 'NO', false, 'false', true, undefined].map((enabled) =>
				isDataSourceEnabled({ enabled }),
			),
		).toEqual([true, false, false, false, false, true, true]);
	});

	it('matches by exact name or by either ID', () => {
		const source = { _id: 'a', name: 'crm-db' };
		expect(dataSourceMatches(source, { mode: 'name', value: 'crm-db' })).toBe(true);
		expect(dataSourceMatches(source, { mode: 'name', value: 'CRM-DB' })).toBe(false);
		expect(dataSourceMatches(source, { mode: 'id', value: 'a' })).toBe(true);
		expect(dataSourceMatches({ id: 'b' }, { mode: 'list', value: 'b' })).toBe(true);
	});
});

describe('scan profile', () => {
	it('sends back everything but what the server owns', () => {
		expect(
			writableFields({
				_id: 'p',
				id: 'p',
				name: 'Weekly',
				createdAt: 'c',
				created_at: 'c',
				updatedAt: 'u',
				updated_at: 'u',
				schedule: { cronExpression: '0 2 * * 0' },
			}),
		).toEqual({ name: 'Weekly', schedule: { cronExpression: '0 2 * * 0' } });
	});
});
