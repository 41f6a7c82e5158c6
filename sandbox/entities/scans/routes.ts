import { bodyObject } from '../../context';
import { defineEntity, WRITE, type EntityHandler } from '../../entity';
import {
	errorResponse,
	findByObjectId,
	json,
	NOT_AN_OBJECT,
	page,
	paging,
	wrapped,
} from '../../envelopes';
import { parseFilter, parseSort } from '../../query';
import { dataSourcesApi } from '../dataSources/routes';
import { scanProfilesApi } from '../scanProfiles/routes';
import { SCAN_TYPES, ScansModel } from './model';

type Handler = EntityHandler<ScansModel>;

/** Accepts the scans API guide's `{scanProfileId}` and real clients' `{scanType, scanProfileName, scanOrigin}`. */
const startScan: Handler = (request, scans, { store }) => {
	const fields = bodyObject(request);
	if (!fields) return errorResponse(400, NOT_AN_OBJECT);
	const { scanProfileId, scanProfileName, scanType, scanOrigin } = fields;
	if (scanType !== undefined && !SCAN_TYPES.includes(scanType as (typeof SCAN_TYPES)[number])) {
		return errorResponse(
			400,
			`Invalid scanType '${String(scanType)}', expected one of ${SCAN_TYPES.join(', ')}`,
		);
	}
	const reference = scanProfileId ?? scanProfileName;
	if (typeof reference !== 'string' || reference === '') {
		return errorResponse(400, 'Missing required field: scanProfileId or scanProfileName');
	}
	const profiles = store.model(scanProfilesApi);
	const profile =
		scanProfileId !== undefined ? profiles.get(reference) : profiles.findByName(reference);
	if (!profile) return errorResponse(404, `Scan profile ${reference} was not found`);
	const scan = scans.start(profile._id, {
		type: typeof scanType === 'string' ? scanType : 'dsScan',
		scanOrigin: typeof scanOrigin === 'string' ? scanOrigin : undefined,
	});
	const scanId = scan?._id;
	return json(202, { ...wrapped({ scanId }, 202), message: 'Scan started', scanId });
};

const listScans: Handler = (request, { scanExecutions }, context) => {
	const query = paging(request, context);
	return json(200, { scans: page(scanExecutions, query), totalCount: scanExecutions.length });
};

const listParentScans: Handler = (request, scans, context) => {
	const sort = parseSort(request.query.get('sort')) ?? [{ field: 'updated_at', descending: true }];
	const filter = parseFilter(request.query.get('filter'));
	const parents = scans.queryParentScans(sort, filter);
	const query = paging(request, context);
	return json(200, wrapped({ scanParents: page(parents, query), totalCount: parents.length }));
};

const findScan = (scans: ScansModel, id: string) =>
	findByObjectId('Scan', id, (scanId) => scans.get(scanId));

const getScanStatus: Handler = (request, scans) => {
	const { item: scan, failure } = findScan(scans, request.params.id);
	return failure ?? json(200, { status: scan.state, progress: scan.progress });
};

const getScan: Handler = (request, scans) => {
	const { item: scan, failure } = findScan(scans, request.params.id);
	return failure ?? json(200, scan);
};

export const scansApi = defineEntity({
	createModel: (services) =>
		new ScansModel(services, services.model(scanProfilesApi), services.model(dataSourcesApi)),
	routes: (route) => [
		route('POST', '/scans', startScan, WRITE),
		route('GET', '/scans', listScans),
		route('GET', '/scans/parent-scans', listParentScans),
		route('GET', '/scans/:id/status', getScanStatus),
		route('GET', '/scans/:id', getScan),
	],
});
