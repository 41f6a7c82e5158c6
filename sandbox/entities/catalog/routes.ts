import { defineEntity, type EntityHandler } from '../../entity';
import { errorResponse, json } from '../../envelopes';
import { dataSourcesApi } from '../dataSources/routes';
import { scansApi } from '../scans/routes';
import { CatalogModel, catalogFieldValues, type SandboxCatalogObject } from './model';
import { matchesCatalogQuery, parseCatalogQuery } from './queryLanguage';

type Handler = EntityHandler<CatalogModel>;

function matching(catalog: CatalogModel, filter: string | null): SandboxCatalogObject[] {
	const objects = catalog.objects;
	if (filter === null || filter.trim() === '') return objects;
	const query = parseCatalogQuery(filter);
	return objects.filter((object) =>
		matchesCatalogQuery(query, (field) => catalogFieldValues(object, field)),
	);
}

const wholeNumber = (value: string | null, fallback: number) => {
	const number = Number.parseInt(value ?? '', 10);
	return Number.isFinite(number) && number >= 0 ? number : fallback;
};

/** Paged by `offset` and `limit` (not `skip`), counted by `totalRowsCounter`. */
const searchCatalog: Handler = (request, catalog, { options }) => {
	const format = request.query.get('format');
	if (format !== null && format !== 'json') {
		return errorResponse(400, `Unsupported format '${format}'`);
	}
	const objects = matching(catalog, request.query.get('filter'));
	const offset = wholeNumber(request.query.get('offset'), 0);
	const limit = Math.min(
		wholeNumber(request.query.get('limit'), options.defaultPageSize) || options.defaultPageSize,
		options.pageCap,
	);
	const results = objects.slice(offset, offset + limit);
	return json(
		200,
		request.query.get('requireTotalCount') === 'true'
			? { results, totalRowsCounter: objects.length }
			: { results },
	);
};

/** Found by `object_name` alone, as BigID's clients ask; an unknown name answers 404. */
const objectDetails: Handler = (request, catalog) => {
	const name = request.query.get('object_name');
	if (!name) return errorResponse(400, 'Missing required parameter: object_name');
	const details = catalog.details(name);
	if (!details) return errorResponse(404, `Object ${name} was not found`);
	return json(200, { data: details });
};

const countCatalog: Handler = (request, catalog) =>
	json(200, { count: matching(catalog, request.query.get('filter')).length });

export const catalogApi = defineEntity({
	createModel: (services) =>
		new CatalogModel(services.model(scansApi), services.model(dataSourcesApi)),
	routes: (route) => [
		route('GET', '/data-catalog', searchCatalog),
		route('GET', '/data-catalog/count', countCatalog),
		route('GET', '/data-catalog/object-details', objectDetails),
	],
});
