import { defineEntity, type EntityHandler } from '../../entity';
import { json } from '../../envelopes';
import { casesApi } from '../cases/routes';
import { PoliciesModel } from './model';

type Handler = EntityHandler<PoliciesModel>;

/** A bare array, as public clients read it; `?name=` keeps the policy of exactly that name. */
const listPolicies: Handler = (request, model) => {
	const name = request.query.get('name');
	const policies = model.policies;
	return json(200, name === null ? policies : policies.filter((policy) => policy.name === name));
};

export const policiesApi = defineEntity({
	createModel: (services) => new PoliciesModel(services.model(casesApi)),
	routes: (route) => [route('GET', '/compliance-rules', listPolicies)],
});
