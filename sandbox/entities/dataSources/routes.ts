import { bodyObject, type ApiResponse } from '../../context';
import { defineEntity, WRITE, type EntityHandler } from '../../entity';
import { errorResponse, json, NOT_AN_OBJECT, page, paging, wrapped } from '../../envelopes';
import { matchesFilter, parseFilter, parseSort, sortItems } from '../../query';
import { DataSourcesModel, type DataSourceWrite } from './model';
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

/** The `ds_connection` of a write's body, or the 400 BigID answers without one. */
function connectionOf(
	body: Record<string, unknown> | undefined,
): { fields: Record<string, unknown>; failure?: undefined } | { failure: ApiResponse } {
	if (!body) return { failure: errorResponse(400, NOT_AN_OBJECT) };
	const fields = body.ds_connection;
	return fields && typeof fields === 'object' && !Array.isArray(fields)
		? { fields: fields as Record<string, unknown> }
		: { failure: errorResponse(400, 'Request body must have a ds_connection object') };
}

const written = (write: DataSourceWrite) =>
	write.error
		? errorResponse(write.error.status, write.error.message)
		: json(200, wrapped({ ds_connection: write.source }));

const createDataSource: EntityHandler<DataSourcesModel> = (request, model) => {
	const connection = connectionOf(bodyObject(request));
	return connection.failure ?? written(model.create(connection.fields));
};

const replaceDataSource: EntityHandler<DataSourcesModel> = (request, model) => {
	const body = bodyObject(request);
	const connection = connectionOf(body);
	return (
		connection.failure ??
		written(model.replace(request.params.name, connection.fields, body?.isNewPassword === true))
	);
};

const deleteDataSource: EntityHandler<DataSourcesModel> = (request, model) => {
	const { name } = request.params;
	return model.delete(name)
		? json(200, wrapped({ deleted: name }))
		: errorResponse(404, `Unable to locate data source ${name}`);
};

/** Answered 200 either way, the outcome in `operationStatus`, as the inferred form has it. */
const testConnection: EntityHandler<DataSourcesModel> = (request, model) => {
	const connection = connectionOf(bodyObject(request));
	if (connection.failure) return connection.failure;
	const { ok, message } = model.testConnection(connection.fields);
	return json(200, { operationStatus: ok ? 'SUCCESS' : 'FAILURE', message });
};

/**
 * GET /ds-connections/:idOrName is optional: BigID's API guides (docs/bigid-api.md) only confirm the
 * list; so is the inferred connection test (dataSourceConnectionTest).
 */
export const dataSourcesApi = defineEntity({
	createModel: (services) => new DataSourcesModel(services),
	routes: (route, { dataSourceLookup, dataSourceConnectionTest }) => [
		route('GET', '/ds-connections', listDataSources),
		...(dataSourceLookup ? [route('GET', '/ds-connections/:idOrName', getDataSource)] : []),
		...dataSourceScanRoutes(route),
		// The writes spell ds_connections with an underscore (docs/bigid-api.md, part 2).
		route('POST', '/ds_connections', createDataSource, WRITE),
		route('PUT', '/ds_connections/:name', replaceDataSource, WRITE),
		route('DELETE', '/ds_connections/:name', deleteDataSource, WRITE),
		...(dataSourceConnectionTest ? [route('POST', '/ds-connection-test', testConnection)] : []),
	],
});
