import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listRolesOnce } from '../../api/roles';
import { getUser, replaceUser, toUserOutputs } from '../../api/users';
import type { UserChanges } from '../../model/user';
import { showFor } from '../common.descriptions';
import { resolveRole } from '../role/role.parameters';
import { passwordField, profileFields, roleNameOption, userLocator } from './user.descriptions';
import { readUserId, requireEmail, requireName } from './user.parameters';

export const description: INodeProperties[] = showFor('user', 'update', [
	userLocator('The BigID user to update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'Only these fields change. BigID may replace the whole user on update, so the node reads the user first and sends it back whole with these changes: nothing else is lost.',
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				default: '',
				placeholder: 'e.g. jdoe@example.com',
			},
			...profileFields,
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. jdoe',
				description: 'New login name',
			},
			{ ...passwordField, description: `New password. ${passwordField.description}` },
			roleNameOption(
				'Replaces the roles of the user. Checked against the roles of BigID before anything is written: the name must match exactly.',
			),
		],
	},
]);

async function readChanges(this: IExecuteFunctions, itemIndex: number): Promise<UserChanges> {
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const changes: UserChanges = {};
	if (fields.name !== undefined) changes.name = requireName.call(this, fields.name, itemIndex);
	if (fields.email !== undefined) changes.email = requireEmail.call(this, fields.email, itemIndex);
	for (const field of ['firstName', 'lastName'] as const) {
		if (fields[field] !== undefined) changes[field] = String(fields[field]);
	}
	if (typeof fields.isEnabled === 'boolean') changes.isEnabled = fields.isEnabled;
	if (typeof fields.password === 'string' && fields.password !== '') {
		changes.password = fields.password;
	}
	if (fields.role !== undefined && fields.role !== '') {
		const roles = await listRolesOnce.call(this, itemIndex);
		changes.role = resolveRole.call(
			this,
			roles,
			{ mode: 'name', value: String(fields.role) },
			itemIndex,
		);
	}
	return changes;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readUserId.call(this, itemIndex);
	const changes = await readChanges.call(this, itemIndex);
	if (Object.keys(changes).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update', {
			itemIndex,
			description: 'Add the fields to change under Update Fields, with a value.',
		});
	}
	const current = await getUser.call(this, id, itemIndex);
	const stored = await replaceUser.call(this, id, current, changes, itemIndex);
	const [user] = await toUserOutputs.call(this, [stored], itemIndex);
	return user;
}
