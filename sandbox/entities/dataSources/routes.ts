import { defineEntity, type EntityHandler } from '../../entity';
import { errorResponse, json, page, paging, wrapped } from '../../envelopes';
import { matchesFilter, parseFilter, parseSort, sortItems } from '../../query';
import { DataSourcesModel } from './model';
import { dataSourceScanRoutes } from './scanRoutes';

const listDataSources: EntityHandler<DataSourcesModel> = (request, model, context) => {
	const filter = parseFilter(request.query.get('filter'));
	const sort = parseSort(request.query.get('sort'));
	let sources = model.dataSources;
	if (filter) sources = sources.filter((source) => matchesFilter(source, filter));
	if (sort) sources = sortItems(sources, sort);
	const query = paging(request, context);
	return json(200, wrapped({ ds_connections: page(sources, query), totalCount: sources.length }));
};

const getDataSource: EntityHandler<DataSourcesModel> = (request, model) => {
	const { idOrName } = request.params;
	const source = model.get(idOrName);
	return source
		? json(200, wrapped({ ds_connection: source }))
		: errorResponse(404, `Data source ${idOrName} was not found`);
};

/** GET /ds-connections/:idOrName is optional: BigID's API guides (docs/bigid-api.md) only confirm the list. */
export const dataSourcesApi = defineEntity({
	createModel: (services) => new DataSourcesModel(services),
	routes: (route, { dataSourceLookup }) => [
		route('GET', '/ds-connections', listDataSources),
		...(dataSourceLookup ? [route('GET', '/ds-connections/:idOrName', getDataSource)] : []),
		...dataSourceScanRoutes(route),
	],
});
