import { bodyObject } from '../../context';
import { defineEntity, WRITE, type EntityHandler } from '../../entity';
import { errorResponse, json, wrapped } from '../../envelopes';
import { isObjectId } from '../../random';
import { catalogApi } from '../catalog/routes';
import { DsarModel } from './model';

type Handler = EntityHandler<DsarModel>;

const listProfiles: Handler = (_request, dsar) => json(200, { profiles: dsar.profiles });

const listAttributes: Handler = (request, dsar) => {
	const profileId = request.query.get('profileId') ?? '';
	if (!isObjectId(profileId)) return errorResponse(400, 'profileId is invalid');
	const attributes = dsar.attributesOf(profileId);
	return attributes
		? json(200, wrapped({ attributes }))
		: errorResponse(404, `Profile ${profileId} was not found`);
};

/** As public clients show it: `{profileId, userValues: [{attributeName, attributeValue}]}` → 201 `{requestId}`. */
const submitRequest: Handler = (request, dsar) => {
	const { profileId, userValues } = bodyObject(request) ?? {};
	const attributes = typeof profileId === 'string' ? dsar.attributesOf(profileId) : undefined;
	if (!attributes) return errorResponse(400, `Profile ${String(profileId)} was not found`);
	const values = Array.isArray(userValues) ? (userValues as Array<Record<string, unknown>>) : [];
	const known = new Set(attributes.map((attribute) => attribute.name));
	const unknown = values.find((value) => !known.has(String(value?.attributeName)));
	if (values.length === 0 || unknown) {
		return errorResponse(
			400,
			`Invalid userValues: ${unknown ? `unknown attribute ${String(unknown.attributeName)}` : 'none given'}`,
		);
	}
	const submitted = dsar.submit(
		profileId as string,
		values.map((value) => ({
			attributeName: String(value.attributeName),
			attributeValue: String(value.attributeValue ?? ''),
		})),
	);
	return json(201, { requestId: submitted.requestId });
};

const requestNotFound = (requestId: string) =>
	errorResponse(404, `DSAR request ${requestId} was not found`);

/** Unconfirmed like the submission; a version without it answers 404 (option dsarReportStatus). */
const getReportStatus: Handler = (request, dsar, { options }) => {
	if (!options.dsarReportStatus) return errorResponse(404, 'Not Found');
	const { requestId } = request.params;
	const found = dsar.find(requestId);
	if (!found) return requestNotFound(requestId);
	const status = dsar.readStatus(found, options.dsarStatusReads);
	return json(200, {
		requestId,
		status,
		...(status === 'Failed' ? { message: found.failure } : {}),
	});
};

/**
 * `{requestId, profileId, status, records}` [R] once the search completed. Before, or for a
 * failed request, the unrecorded answer: 409 (option dsarReportNotReady), or a 404 as for an
 * unknown request.
 */
const getReport: Handler = (request, dsar, { options }) => {
	const { requestId } = request.params;
	const found = dsar.find(requestId);
	if (!found) return requestNotFound(requestId);
	const status = dsar.statusOf(found, options.dsarStatusReads);
	if (status !== 'Completed') {
		return options.dsarReportNotReady === 409
			? json(409, { error: `The report of DSAR request ${requestId} is not ready`, status })
			: requestNotFound(requestId);
	}
	const records = found.records ?? [];
	return json(
		200,
		wrapped({ requestId, profileId: found.profileId, status, totalCount: records.length, records }),
	);
};

export const dsarApi = defineEntity({
	createModel: (services) => new DsarModel(services, services.model(catalogApi)),
	routes: (route) => [
		route('GET', '/sar/profiles', listProfiles),
		route('GET', '/sar/attributes', listAttributes),
		route('POST', '/sar/reports', submitRequest, WRITE),
		route('GET', '/sar/reports/:requestId/status', getReportStatus),
		route('GET', '/sar/reports/:requestId', getReport),
	],
});
