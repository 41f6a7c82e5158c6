import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listUsers, toUserOutputs } from '../../api/users';
import { sameText } from '../../model/object';
import { userFields } from '../../model/user';
import { showFor } from '../common.descriptions';
import { readOutputChoice, shapeOutput } from '../output';
import { outputProperties } from '../output.descriptions';
import { readPageSize } from '../parameters';
import { readUserEndpoint } from './user.parameters';
import { pageSizeOption } from '../../descriptions/listing.descriptions';

type LookupField = 'emailOrName' | 'email' | 'name';

export const description: INodeProperties[] = showFor('user', 'findByEmailOrName', [
	{
		displayName: 'Find By',
		name: 'findBy',
		type: 'options',
		options: [
			{
				name: 'Email or Name',
				value: 'emailOrName',
				description: 'The first user whose email address or login name is the value',
			},
			{ name: 'Email', value: 'email', description: 'The first user with this email address' },
			{ name: 'Name', value: 'name', description: 'The first user with this login name' },
		],
		default: 'emailOrName',
	},
	{
		displayName: 'Email or Name',
		name: 'searchValue',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. jdoe@example.com',
		description:
			'The email address or login name to look for; case does not matter. Pages of users are read only until the user is found.',
	},
	{
		displayName: 'If Not Found',
		name: 'ifNotFound',
		type: 'options',
		options: [
			{
				name: 'Error',
				value: 'error',
				description: 'Stop the workflow (or output the error with Continue On Fail)',
			},
			{
				name: 'Output Nothing Found Item',
				value: 'outputNotFoundItem',
				description: 'Output {found: false, searchedFor} so that an IF node on "found" can branch',
			},
		],
		default: 'error',
		description: 'What to do when no user matches. A found user is output with found: true.',
	},
	...outputProperties(userFields),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [pageSizeOption],
	},
]);

/**
 * Users created or deleted while the list is read shift its pages, so the user looked for may be
 * passed over: a search that found nothing in a list that changed is read again, this often at most.
 */
const MAX_READS = 3;

/** The first user whose email or name (or either) is the value, without case. */
function lookupMatcher(field: LookupField, wanted: string): (user: IDataObject) => boolean {
	return (user) =>
		(field !== 'name' && sameText(user.email, wanted)) ||
		(field !== 'email' && sameText(user.name, wanted));
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const choice = readOutputChoice.call(this, itemIndex);
	const findBy = this.getNodeParameter('findBy', itemIndex, 'emailOrName') as LookupField;
	const searchedFor = String(this.getNodeParameter('searchValue', itemIndex, '')).trim();
	if (searchedFor === '') {
		throw new NodeOperationError(this.getNode(), 'Nothing to find: Email or Name is empty', {
			itemIndex,
			description: 'Enter the email address or login name of the user to find.',
		});
	}
	const matches = lookupMatcher(findBy, searchedFor);
	const request = {
		endpoint: readUserEndpoint.call(this, itemIndex),
		pageSize: readPageSize.call(this, itemIndex),
		stopWhen: (page: IDataObject[]) => page.some(matches),
	};
	let listing = await listUsers.call(this, request, itemIndex);
	for (let read = 1; read < MAX_READS && listing.totalCountChanged; read++) {
		if (listing.items.some(matches)) break;
		this.logger.debug(
			`BigID users changed while they were searched for "${searchedFor}": searching again`,
		);
		listing = await listUsers.call(this, request, itemIndex);
	}
	const { items } = listing;
	const found = items.find(matches);
	if (found) {
		const [user] = await toUserOutputs.call(this, [found], itemIndex);
		// `found` is the operation's, not the user's: every output choice keeps it for the IF node.
		return { ...shapeOutput(choice, userFields, user), found: true };
	}
	if (this.getNodeParameter('ifNotFound', itemIndex, 'error') === 'outputNotFoundItem') {
		return { found: false, searchedFor };
	}
	const what = { emailOrName: 'email or name', email: 'email', name: 'name' }[findBy];
	throw new NodeOperationError(this.getNode(), `No BigID user has the ${what} "${searchedFor}"`, {
		itemIndex,
		description: `All ${items.length} users were searched. Check the spelling, or set If Not Found to "Output Nothing Found Item" to branch on it with an IF node.`,
	});
}
