import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getUser, replaceUser, toUserOutputs } from '../../api/users';
import { isUserEnabled } from '../../model/user';
import { readUserId } from './user.parameters';

const SAML_DISABLE_NOTE =
	'This user signs in through SAML: also disable them in your identity provider (Okta, Entra ID...), or they are provisioned again at their next login.';

/**
 * Disable and Enable: the same whole-object update as Update, then a read-back that must show
 * the new state. A user already in that state is left untouched.
 */
export async function setUserEnabled(
	this: IExecuteFunctions,
	itemIndex: number,
	enabled: boolean,
): Promise<IDataObject> {
	const id = readUserId.call(this, itemIndex);
	let stored = await getUser.call(this, id, itemIndex);
	if (isUserEnabled(stored) !== enabled) {
		await replaceUser.call(this, id, stored, { isEnabled: enabled }, itemIndex);
		stored = await getUser.call(this, id, itemIndex);
		if (isUserEnabled(stored) !== enabled) {
			throw new NodeOperationError(
				this.getNode(),
				`BigID accepted the change, but user ${id} still reads back as ${enabled ? 'disabled' : 'enabled'}`,
				{
					itemIndex,
					description:
						'BigID did not apply isEnabled. Check in the BigID console whether this user can be changed (some system users cannot), and that the user of the credential may edit users.',
				},
			);
		}
	}
	const [user] = await toUserOutputs.call(this, [stored], itemIndex);
	return !enabled && user.origin === 'saml' ? { ...user, note: SAML_DISABLE_NOTE } : user;
}
