import { bodyObject, type ApiResponse } from '../../context';
import { defineEntity, WRITE, type EntityHandler } from '../../entity';
import { errorResponse, findByObjectId, json, NOT_AN_OBJECT, page, paging } from '../../envelopes';
import { dataSourcesApi } from '../dataSources/routes';
import type { DataSourcesModel } from '../dataSources/model';
import { scansApi } from '../scans/routes';
import { ScanProfilesModel } from './model';

type Handler = EntityHandler<ScanProfilesModel>;

const findScanProfile = (profiles: ScanProfilesModel, id: string) =>
	findByObjectId('Scan profile', id, (profileId) => profiles.get(profileId));

/** A profile must name existing data sources by _id and be either one-time or scheduled. */
function invalidScanProfile(
	profiles: ScanProfilesModel,
	dataSources: DataSourcesModel,
	fields: Record<string, unknown>,
	profileId?: string,
): ApiResponse | undefined {
	if (typeof fields.name !== 'string' || fields.name === '') {
		return errorResponse(400, 'Missing required field: name');
	}
	const holder = profiles.findByName(fields.name);
	if (holder && holder._id !== profileId) {
		return errorResponse(409, `Scan profile ${fields.name} already exists`);
	}
	const { dataSourceList } = fields;
	if (!Array.isArray(dataSourceList) || dataSourceList.length === 0) {
		return errorResponse(400, 'dataSourceList must be a non-empty array of data source ids');
	}
	for (const sourceId of dataSourceList) {
		if (!dataSources.dataSources.some((source) => source._id === sourceId)) {
			return errorResponse(400, `Data source ${String(sourceId)} was not found`);
		}
	}
	if (typeof fields.scanTemplateId !== 'string' || fields.scanTemplateId === '') {
		return errorResponse(400, 'Missing required field: scanTemplateId');
	}
	const isSingleRun = fields.isSingleRunScan === true;
	const hasSchedule = fields.schedule !== undefined && fields.schedule !== null;
	if (isSingleRun === hasSchedule) {
		return errorResponse(
			400,
			'A scan profile needs exactly one of isSingleRunScan: true or schedule {cronExpression, timeZone}',
		);
	}
	if (hasSchedule) {
		const schedule = fields.schedule as Record<string, unknown>;
		if (typeof schedule.cronExpression !== 'string' || typeof schedule.timeZone !== 'string') {
			return errorResponse(400, 'schedule needs cronExpression and timeZone');
		}
	}
	return undefined;
}

const createScanProfile: Handler = (request, profiles, { store }) => {
	const fields = bodyObject(request);
	if (!fields) return errorResponse(400, NOT_AN_OBJECT);
	const invalid = invalidScanProfile(profiles, store.model(dataSourcesApi), fields);
	if (invalid) return invalid;
	const profile = profiles.create(fields);
	// BigID queues a one-time profile's scan as soon as the profile exists.
	if (profile.isSingleRunScan === true) {
		store.model(scansApi).start(profile._id, { type: 'dsScan', scanOrigin: 'scanProfile' });
	}
	return json(201, profile);
};

const getScanProfile: Handler = (request, profiles) => {
	const { item: profile, failure } = findScanProfile(profiles, request.params.id);
	return failure ?? json(200, profile);
};

const listScanProfiles: Handler = (request, { scanProfiles }, context) => {
	const query = paging(request, context);
	return json(200, { scanProfiles: page(scanProfiles, query), totalCount: scanProfiles.length });
};

const updateScanProfile: Handler = (request, profiles, { store }) => {
	const { item: profile, failure } = findScanProfile(profiles, request.params.id);
	if (failure) return failure;
	const changes = bodyObject(request);
	if (!changes) return errorResponse(400, NOT_AN_OBJECT);
	const dataSources = store.model(dataSourcesApi);
	const invalid = invalidScanProfile(
		profiles,
		dataSources,
		{ ...profile, ...changes },
		profile._id,
	);
	if (invalid) return invalid;
	return json(200, profiles.update(profile._id, changes));
};

const deleteScanProfile: Handler = (request, profiles) => {
	const { item: profile, failure } = findScanProfile(profiles, request.params.id);
	if (failure) return failure;
	profiles.delete(profile._id);
	return json(200, { message: 'Scan profile deleted successfully' });
};

/** The list, update and delete paths are unconfirmed by BigID's API guides (docs/bigid-api.md), hence optional. */
export const scanProfilesApi = defineEntity({
	createModel: (services) => new ScanProfilesModel(services, services.model(dataSourcesApi)),
	routes: (route, { scanProfileCrud }) => [
		route('POST', '/scanProfiles', createScanProfile, WRITE),
		route('GET', '/scanProfiles/:id', getScanProfile),
		...(scanProfileCrud
			? [
					route('GET', '/scanProfiles', listScanProfiles),
					route('PUT', '/scanProfiles/:id', updateScanProfile, WRITE),
					route('DELETE', '/scanProfiles/:id', deleteScanProfile, WRITE),
				]
			: []),
	],
});
