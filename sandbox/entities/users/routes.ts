import { bodyObject, type ApiResponse, type SandboxContext } from '../../context';
import { defineEntity, WRITE, type EntityHandler } from '../../entity';
import {
	errorResponse,
	findByObjectId,
	json,
	NOT_AN_OBJECT,
	page,
	paging,
	userEnvelope,
	wrapped,
} from '../../envelopes';
import { rolesApi } from '../roles/routes';
import { UsersModel, type SandboxUser } from './model';

type Handler = EntityHandler<UsersModel>;

const findUser = (users: UsersModel, id: string) =>
	findByObjectId('User', id, (userId) => users.get(userId));

/** The checks POST and PUT share; undefined when the fields are acceptable. */
function invalidUserFields(
	users: UsersModel,
	{ store, options }: SandboxContext,
	fields: Record<string, unknown>,
	userId?: string,
): ApiResponse | undefined {
	if (typeof fields.password === 'string' && fields.password.length < options.passwordMinLength) {
		return errorResponse(
			400,
			`"password" with value "${fields.password}" fails to match the required pattern: at least ${options.passwordMinLength} characters`,
		);
	}
	if ('name' in fields && (typeof fields.name !== 'string' || fields.name === '')) {
		return errorResponse(400, 'Missing required field: name');
	}
	if (typeof fields.name === 'string') {
		const holder = users.findByName(fields.name);
		if (holder && holder.id !== userId) {
			return errorResponse(409, `User ${fields.name} already exists`);
		}
	}
	if ('role' in fields && !store.model(rolesApi).findByName(String(fields.role))) {
		return errorResponse(400, `Role '${String(fields.role)}' does not exist`);
	}
	if ('isEnabled' in fields && typeof fields.isEnabled !== 'boolean') {
		return errorResponse(400, 'isEnabled must be a boolean');
	}
	return undefined;
}

/** A user as answered, with the blank secret fields of real records when the option asks for them. */
function userAnswer(user: SandboxUser, { options }: SandboxContext): Record<string, unknown> {
	return options.blankSecretFields ? { ...user, password: '', token: '' } : user;
}

const listUsers: Handler = (request, { users }, context) => {
	const query = paging(request, context);
	return userEnvelope(context, 'users', page(users, query), users.length, query, true);
};

const getUser: Handler = (request, users, context) => {
	const { item: user, failure } = findUser(users, request.params.id);
	return failure ?? json(200, userAnswer(user, context));
};

const createUser: Handler = (request, users, context) => {
	const fields = bodyObject(request);
	if (!fields) return errorResponse(400, NOT_AN_OBJECT);
	for (const required of ['name', 'email']) {
		if (typeof fields[required] !== 'string' || fields[required] === '') {
			return errorResponse(400, `Missing required field: ${required}`);
		}
	}
	if (fields.origin === 'saml') {
		return errorResponse(
			400,
			'SAML users cannot be created through the API; provision them through the identity provider',
		);
	}
	if (typeof fields.role !== 'string' || fields.role === '') {
		return errorResponse(400, 'Missing required field: role');
	}
	const invalid = invalidUserFields(users, context, fields);
	if (invalid) return invalid;
	if (typeof fields.password !== 'string' || fields.password === '') {
		return errorResponse(400, 'Missing required field: password');
	}
	return json(201, users.create({ ...fields, origin: 'local' }));
};

const updateUser: Handler = (request, users, context) => {
	const { item: user, failure } = findUser(users, request.params.id);
	if (failure) return failure;
	const fields = bodyObject(request);
	if (!fields) return errorResponse(400, NOT_AN_OBJECT);
	const invalid = invalidUserFields(users, context, fields, user.id);
	if (invalid) return invalid;
	const updated =
		context.options.putSemantics === 'replace'
			? users.replace(user.id, fields)
			: users.update(user.id, fields);
	return json(200, updated);
};

const deleteUser: Handler = (request, users) => {
	const { item: user, failure } = findUser(users, request.params.id);
	if (failure) return failure;
	users.delete(user.id);
	return json(200, { message: 'User deleted successfully' });
};

/**
 * The real deployments' shape: wrapped, `roleIds` instead of `role`, snake_case timestamps, and
 * `id` holding the login name (only `_id` is the ObjectId), as recorded from BigID's sandbox.
 */
const listAccessManagementUsers: Handler = (request, model, context) => {
	const query = paging(request, context);
	const roles = context.store.model(rolesApi);
	const users = page(model.users, query).map((user) => {
		const { id, role, createdAt, updatedAt, ...fields } = userAnswer(user, context);
		const roleId = typeof role === 'string' ? roles.findByName(role)?._id : undefined;
		return {
			...fields,
			id: fields.name,
			roleIds: roleId ? [roleId] : [],
			created_at: createdAt,
			updated_at: updatedAt,
		};
	});
	return json(200, wrapped({ users, totalCount: model.users.length }));
};

export const usersApi = defineEntity({
	createModel: (services) => new UsersModel(services),
	routes: (route) => [
		route('GET', '/users', listUsers),
		route('POST', '/users', createUser, WRITE),
		route('GET', '/users/:id', getUser),
		route('PUT', '/users/:id', updateUser, WRITE),
		route('DELETE', '/users/:id', deleteUser, WRITE),
		route('GET', '/access-management/users', listAccessManagementUsers),
	],
});
