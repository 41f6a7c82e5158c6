import type { RouteDefinition } from '../../context';
import { WRITE, type EntityHandler, type RouteBuilder } from '../../entity';
import { errorResponse, json, wrapped } from '../../envelopes';
import type { ChildScan, ParentScan } from '../scans/model';
import { ON_DEMAND_PROFILE_NAME, SCAN_TYPES } from '../scans/model';
import { scansApi } from '../scans/routes';
import type { DataSourcesModel } from './model';

type Handler = EntityHandler<DataSourcesModel>;

const isTrue = (value: string | null) => value === 'true';

/** The documented answer names the data source, the type and the state, but no scan ID. */
const startDataSourceScan: Handler = (request, dataSources, { store }) => {
	const { name } = request.params;
	const source = dataSources.dataSources.find((candidate) => candidate.name === name);
	if (!source) return errorResponse(404, `Data source ${name} was not found`);
	const requested = request.query.get('scanType') ?? 'dsScan';
	const autoAssume = isTrue(request.query.get('autoAssumeScanType'));
	if (!autoAssume && !SCAN_TYPES.includes(requested as (typeof SCAN_TYPES)[number])) {
		return errorResponse(
			400,
			`Invalid scanType '${requested}', expected one of ${SCAN_TYPES.join(', ')}`,
		);
	}
	const isSampleScan = isTrue(request.query.get('isSampleScan'));
	const type = autoAssume ? 'dsScan' : requested;
	const scan: ParentScan = store
		.model(scansApi)
		.startDataSourceScan(source, { type, isSampleScan });
	return json(200, {
		...wrapped({
			dsConnectionName: source.name,
			isSampleScan,
			isScheduled: false,
			scanProfileName: ON_DEMAND_PROFILE_NAME,
			scanType: type,
			state: scan.state,
		}),
		message: `Scan of ${source.name} started`,
	});
};

function lastScanAnswer(scan: ChildScan) {
	return {
		_id: scan._id,
		dsConnectionName: scan.dataSourceName,
		parentScanId: scan.parentScanId,
		scanType: scan.type,
		isSampleScan: scan.isSampleScan ?? false,
		state: scan.state,
		progress: scan.progress,
		created_at: scan.created_at,
		updated_at: scan.updated_at,
		...(scan.completed_at ? { completed_at: scan.completed_at } : {}),
	};
}

const getLastDataSourceScan: Handler = (request, dataSources, { store }) => {
	const { name } = request.params;
	if (!dataSources.dataSources.some((candidate) => candidate.name === name)) {
		return errorResponse(404, `Data source ${name} was not found`);
	}
	const scan = store.model(scansApi).lastScanOf(name);
	return scan
		? json(200, wrapped(lastScanAnswer(scan)))
		: errorResponse(404, `Data source ${name} has never been scanned`);
};

/** Scans of one data source, addressed by its name (the scans model is built after this one). */
export function dataSourceScanRoutes(route: RouteBuilder<DataSourcesModel>): RouteDefinition[] {
	return [
		route('POST', '/ds-connections/:name/scan', startDataSourceScan, WRITE),
		route('GET', '/ds-connections/:name/scan', getLastDataSourceScan),
	];
}
