import type { ApiRequest, SandboxContext } from '../../context';
import { defineEntity, type EntityHandler } from '../../entity';
import { errorResponse, json, page, paging, wrapped } from '../../envelopes';
import { parseSort, sortItems } from '../../query';
import { catalogApi } from '../catalog/routes';
import { matchesCatalogQuery, parseCatalogQuery } from '../catalog/queryLanguage';
import { dataSourcesApi } from '../dataSources/routes';
import { usersApi } from '../users/routes';
import { AccessIntelligenceModel, type SandboxAciObject } from './model';

type Handler = EntityHandler<AccessIntelligenceModel>;

/** One page of a list, `{data: {<listName>: [...], totalCount, offset}}` as BigID's ACI lists answer. */
function listAnswer(
	request: ApiRequest,
	context: SandboxContext,
	listName: string,
	items: object[],
) {
	const position = paging(request, context);
	const sort = parseSort(request.query.get('sort'));
	const sorted = sort ? sortItems(items, sort) : items;
	const list: Record<string, unknown> = {
		[listName]: page(sorted, position),
		offset: position.skip,
	};
	if (position.requireTotalCount) list.totalCount = items.length;
	return json(200, wrapped(list));
}

const listUsers: Handler = (request, aci, context) =>
	listAnswer(request, context, 'users', aci.users);

const listGroups: Handler = (request, aci, context) =>
	listAnswer(request, context, 'groups', aci.groups);

/** What a data-manager query field holds for an object: `source` (or `system`), its names, its sharing. */
function objectFieldValues(object: SandboxAciObject, [head, ...rest]: string[]): string[] {
	if (rest.length > 0) return [];
	const { annotations } = object;
	const values: Record<string, Array<string | null>> = {
		source: [object.source],
		system: [object.source],
		fullyQualifiedName: [object.fullyQualifiedName],
		objectName: [object.shortenedFQN],
		objectType: [object.objectType],
		owner: [object.owner],
		sharedWith: annotations.sharedWith,
		sharedWithGroup: annotations.sharedWithGroup,
		openAccess: annotations.openAccess,
	};
	return (values[head] ?? []).filter((value): value is string => value !== null);
}

/**
 * `app_id=acl`, which BigID's clients always send, is required; `filter` is BigID's query
 * language (a malformed one answers 400). The list is `data` itself, the total beside it.
 */
const listObjects: Handler = (request, aci, context) => {
	if (request.query.get('app_id') !== 'acl') {
		return errorResponse(
			400,
			'app_id is required: the data manager of access control is app_id=acl',
		);
	}
	const filter = request.query.get('filter') ?? '';
	const query = filter.trim() === '' ? undefined : parseCatalogQuery(filter);
	const objects = aci.objects.filter(
		(object) => !query || matchesCatalogQuery(query, (field) => objectFieldValues(object, field)),
	);
	const position = paging(request, context);
	return json(200, {
		...wrapped(page(objects, position)),
		...(position.requireTotalCount ? { totalCount: objects.length } : {}),
	});
};

/** The path parameter is the object's fully qualified name, slashes and spaces included. */
const listPermissions: Handler = (request, aci, context) => {
	const permissions = aci.permissionsOf(request.params.path);
	if (!permissions) {
		return errorResponse(404, `Object ${request.params.path} was not found`);
	}
	const position = paging(request, context);
	return json(
		200,
		wrapped({ permissions: page(permissions, position), totalCount: permissions.length }),
	);
};

export const accessIntelligenceApi = defineEntity({
	createModel: (services) =>
		new AccessIntelligenceModel(
			services,
			services.model(usersApi),
			services.model(dataSourcesApi),
			services.model(catalogApi),
		),
	// BigID's clients write /aci/groups/ and .../permissions/; the sandbox, like BigID, takes either.
	routes: (route) => [
		route('GET', '/aci/users', listUsers),
		route('GET', '/aci/groups', listGroups),
		route('GET', '/aci/data-manager', listObjects),
		route('GET', '/aci/data-manager/:path/permissions', listPermissions),
	],
});
