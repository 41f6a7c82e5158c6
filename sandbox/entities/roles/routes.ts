import { defineEntity, type EntityHandler } from '../../entity';
import { findByObjectId, json, page, paging, userEnvelope } from '../../envelopes';
import { RolesModel } from './model';

const listRoles: EntityHandler<RolesModel> = (request, { roles }, context) => {
	const query = paging(request, context);
	return userEnvelope(context, 'roles', page(roles, query), roles.length, query, false);
};

const getRole: EntityHandler<RolesModel> = (request, roles) => {
	const { item: role, failure } = findByObjectId('Role', request.params.id, (id) => roles.get(id));
	return failure ?? json(200, role);
};

export const rolesApi = defineEntity({
	createModel: (services) => new RolesModel(services),
	routes: (route) => [route('GET', '/roles', listRoles), route('GET', '/roles/:id', getRole)],
});
