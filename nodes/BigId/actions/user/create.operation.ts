import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listRolesOnce } from '../../api/roles';
import { createUser, toUserOutputs } from '../../api/users';
import { idOf } from '../../model/object';
import type { RoleReference } from '../../model/role';
import { showFor } from '../common.descriptions';
import { roleLocator } from '../role/role.descriptions';
import { resolveRole } from '../role/role.parameters';
import { passwordField, profileFields } from './user.descriptions';
import { readUserEndpoint, requireEmail, requireName } from './user.parameters';

export const description: INodeProperties[] = showFor('user', 'create', [
	{
		displayName:
			'Only local users can be created here. SAML users are provisioned by your identity provider (Okta, Entra ID...) and cannot be created through the BigID API: add them to the BigID application in the identity provider instead.',
		name: 'samlNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. jdoe',
		description: 'Login name of the new user',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. jdoe@example.com',
		description: 'Email address of the new user',
	},
	{ ...passwordField, required: true },
	roleLocator(
		'Role of the new user. A name is checked against the roles of BigID before the user is created: it must match exactly.',
	),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: profileFields,
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const name = requireName.call(this, this.getNodeParameter('name', itemIndex), itemIndex);
	const email = requireEmail.call(this, this.getNodeParameter('email', itemIndex), itemIndex);
	// An expression that finds no password (an identity provider export) must not send "undefined".
	const givenPassword = this.getNodeParameter('password', itemIndex, '');
	const password =
		givenPassword === undefined || givenPassword === null ? '' : String(givenPassword);
	if (password === '') {
		throw new NodeOperationError(this.getNode(), 'Password is empty', {
			itemIndex,
			description:
				'A local user needs a password. SAML users, who sign in without one, are provisioned by the identity provider and cannot be created here.',
		});
	}
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const roles = await listRolesOnce.call(this, itemIndex);
	const role = resolveRole.call(
		this,
		roles,
		this.getNodeParameter('role', itemIndex) as RoleReference,
		itemIndex,
	);

	const body: IDataObject = { name, email, password, role: role.name, ...additionalFields };
	if (readUserEndpoint.call(this, itemIndex) === 'accessManagement') body.roleIds = [idOf(role)];
	const created = await createUser.call(this, body, password, itemIndex);
	const [user] = await toUserOutputs.call(this, [created], itemIndex);
	return user;
}
