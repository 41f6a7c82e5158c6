import { defineEntity, type EntityHandler } from '../../entity';
import { errorResponse, json, wrapped } from '../../envelopes';
import { isObjectId } from '../../random';
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

export const dsarApi = defineEntity({
	createModel: () => new DsarModel(),
	routes: (route) => [
		route('GET', '/sar/profiles', listProfiles),
		route('GET', '/sar/attributes', listAttributes),
	],
});
