import type { IDataObject } from 'n8n-workflow';

import {
	accessReviewFieldsOf,
	ACCESS_REVIEW_FIELDS,
	isUserEnabled,
	needsRoleNames,
	replacementBody,
	roleIdsOf,
	userFieldValue,
	userHasRole,
	userIdOf,
	userOutputOf,
	USER_SECRET_FIELDS,
} from '../../nodes/BigId/model/user';
import { enabledFlagOf, enabledValueOf } from '../../nodes/BigId/trigger/user/userRecords';

const ADMIN = { _id: 'r1', name: 'Admin' };
const VIEWER = { _id: 'r2', name: 'Viewer' };
const roleNames = new Map([
	['r1', 'Admin'],
	['r2', 'Viewer'],
]);

describe('userOutputOf', () => {
	it('gives a real deployment record the user-management guide’s shape: ObjectId as id, role names, a boolean isEnabled', () => {
		const raw: IDataObject = {
			_id: '64f7df00cc834f0001a44e85',
			id: 'jdoe',
			name: 'jdoe',
			roleIds: ['r2', 'r1', 'gone'],
			created_at: '2026-01-01',
			password: '',
			token: 'secret-token',
			refreshTokens: [{ name: 'ci', expiresAt: 'soon', value: 'secret-value' }, 'junk'],
		};
		expect(userOutputOf(raw, roleNames)).toEqual({
			_id: '64f7df00cc834f0001a44e85',
			id: '64f7df00cc834f0001a44e85',
			name: 'jdoe',
			roleIds: ['r2', 'r1', 'gone'],
			role: 'Viewer, Admin, gone',
			created_at: '2026-01-01',
			createdAt: '2026-01-01',
			refreshTokens: [{ name: 'ci', expiresAt: 'soon' }, {}],
			isEnabled: true,
		});
	});

	it('keeps a seed role name and an explicit isEnabled false, and never outputs a secret', () => {
		const output = userOutputOf(
			{ id: 'u1', role: 'Admin', roleIds: ['r2'], isEnabled: false, password: 'pw' },
			roleNames,
		);
		expect(output).toMatchObject({ id: 'u1', _id: 'u1', role: 'Admin', isEnabled: false });
		for (const field of USER_SECRET_FIELDS) expect(output).not.toHaveProperty(field);
	});

	it('does not change the record it is given', () => {
		const raw = { _id: 'u1', roleIds: ['r1'], password: 'pw' };
		userOutputOf(raw, roleNames);
		expect(raw).toEqual({ _id: 'u1', roleIds: ['r1'], password: 'pw' });
	});
});

describe('user fields', () => {
	it('reads the ID, preferring _id', () => {
		expect(userIdOf({ _id: 'a', id: 'b' })).toBe('a');
		expect(userIdOf({ id: 5 })).toBe('5');
		expect(userIdOf({ id: { nested: true } })).toBeUndefined();
	});

	it('counts a user enabled unless isEnabled is false', () => {
		expect([{}, { isEnabled: true }, { isEnabled: false }].map(isUserEnabled)).toEqual([
			true,
			true,
			false,
		]);
	});

	it('reads the enabled flag as the trigger does: text values and the `enabled` spelling too', () => {
		const users = [
			{ isEnabled: 'false' },
			{ isEnabled: 'No' },
			{ enabled: false },
			{ enabled: 'yes' },
			{ isEnabled: true, enabled: false },
			{ isEnabled: 'maybe' },
		];
		expect(users.map(isUserEnabled)).toEqual([false, false, false, true, true, true]);
		for (const user of users) {
			const flag = enabledValueOf(enabledFlagOf(userFieldValue(user, 'isEnabled')));
			expect(flag ?? true).toBe(isUserEnabled(user));
		}
	});

	it('reads roleIds, and knows when role names must be looked up', () => {
		expect(roleIdsOf({ roleIds: [1, 'r2'] })).toEqual(['1', 'r2']);
		expect(roleIdsOf({ role: 'Admin' })).toBeUndefined();
		expect(needsRoleNames({ roleIds: ['r1'] })).toBe(true);
		expect(needsRoleNames({ roleIds: [] })).toBe(false);
		expect(needsRoleNames({ role: 'Admin', roleIds: ['r1'] })).toBe(false);
	});

	it('tests a role by name on the guide’s shape and by ID on the real one', () => {
		expect(userHasRole({ role: 'Admin' }, ADMIN)).toBe(true);
		expect(userHasRole({ role: 'Admin', roleIds: ['r2'] }, VIEWER)).toBe(false);
		expect(userHasRole({ roleIds: ['r2'] }, VIEWER)).toBe(true);
		expect(userHasRole({}, VIEWER)).toBe(false);
	});

	it('gives every access-review column, missing ones as null', () => {
		expect(accessReviewFieldsOf({ id: 'u1', name: 'jdoe', extra: 1 })).toEqual(
			Object.fromEntries(
				ACCESS_REVIEW_FIELDS.map((field) => [
					field,
					({ id: 'u1', name: 'jdoe' } as IDataObject)[field] ?? null,
				]),
			),
		);
	});
});

describe('replacementBody', () => {
	const stored: IDataObject = {
		_id: 'u1',
		id: 'jdoe',
		name: 'jdoe',
		email: 'j@example.com',
		firstName: 'Jane',
		origin: 'local',
		password: '',
		token: 't',
		refreshTokens: [],
		createdAt: 'then',
		updated_at: 'now',
		__v: 3,
	};

	it('sends the user whole, without what BigID owns or the blank password, with the changes', () => {
		expect(replacementBody({ ...stored, role: 'Admin' }, { email: 'new@example.com' })).toEqual({
			name: 'jdoe',
			email: 'new@example.com',
			firstName: 'Jane',
			role: 'Admin',
		});
	});

	it('writes a new role in the shape the user was read in', () => {
		expect(replacementBody({ ...stored, role: 'Admin' }, { role: VIEWER })).toMatchObject({
			role: 'Viewer',
		});
		const real = replacementBody({ ...stored, roleIds: ['r1'] }, { role: VIEWER });
		expect(real).toMatchObject({ roleIds: ['r2'] });
		expect(real).not.toHaveProperty('role');
		expect(
			replacementBody({ ...stored, role: 'Admin', roleIds: ['r1'] }, { role: VIEWER }),
		).toMatchObject({ role: 'Viewer', roleIds: ['r2'] });
	});

	it('sets a new password and ignores changes left undefined', () => {
		const body = replacementBody(stored, { password: 'New-1!', lastName: undefined });
		expect(body.password).toBe('New-1!');
		expect(body).not.toHaveProperty('lastName');
	});
});
