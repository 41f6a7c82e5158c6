import { bodyObject, type ApiRequest, type ApiResponse } from '../../context';
import { defineEntity, WRITE, type EntityHandler } from '../../entity';
import { errorResponse, json, NOT_AN_OBJECT } from '../../envelopes';
import { REMEDIATION_APP_ID, RemediationModel, type SandboxExecution } from './model';

type Handler = EntityHandler<RemediationModel>;

/** BigID's app proxy: the prefix of every path of an installed app. */
const APP_PROXY = '/proxy/tpa/api/:appId';

/**
 * What BigID's app proxy checks before the app sees the request: the Accept-version header (the
 * proxy refuses a request without it) and an installed app under that ID.
 */
function throughProxy(handle: Handler): Handler {
	return (request, model, context) => {
		const version = request.headers['accept-version'];
		if (typeof version !== 'string' || version.trim() === '') {
			return errorResponse(400, 'Accept-version header is required');
		}
		if (request.params.appId !== REMEDIATION_APP_ID) {
			return errorResponse(404, `Application ${request.params.appId} was not found`);
		}
		return handle(request, model, context);
	};
}

const listActions: Handler = (_request, model) =>
	json(200, { workflowActions: model.workflowActions, annotationActions: model.annotationActions });

type Parsed<T> = { value: T; error?: undefined } | { value?: undefined; error: ApiResponse };

function parseParams(value: unknown): Parsed<SandboxExecution['actionParams']> {
	if (value === undefined) return { value: [] };
	const entries = Array.isArray(value) ? value : undefined;
	const params = entries?.map((entry) => (entry ?? {}) as Record<string, unknown>);
	if (!params || params.some((entry) => typeof entry.paramName !== 'string')) {
		return { error: errorResponse(400, 'actionParams must be a list of {paramName, paramValue}') };
	}
	return {
		value: params.map((entry) => ({
			paramName: entry.paramName as string,
			paramValue: entry.paramValue,
		})),
	};
}

type Target = { fullyQualifiedName: string; source: string | null };

function parseObjects(value: unknown): Parsed<Target[]> {
	const entries = Array.isArray(value) ? value : [];
	const objects = entries.map((entry) => (entry ?? {}) as Record<string, unknown>);
	if (
		objects.length === 0 ||
		objects.some((entry) => typeof entry.fullyQualifiedName !== 'string')
	) {
		return { error: errorResponse(400, 'objects must be a list of {fullyQualifiedName, source}') };
	}
	return {
		value: objects.map((entry) => ({
			fullyQualifiedName: entry.fullyQualifiedName as string,
			source: typeof entry.source === 'string' ? entry.source : null,
		})),
	};
}

/** The app framework's answer: BigID's execution ID and the app's status of it. */
const executeAction: Handler = (request: ApiRequest, model) => {
	const body = bodyObject(request);
	if (!body) return errorResponse(400, NOT_AN_OBJECT);
	if (typeof body.actionName !== 'string') return errorResponse(400, 'actionName is required');
	const params = parseParams(body.actionParams);
	if (params.error) return params.error;
	const objects = parseObjects(body.objects);
	if (objects.error) return objects.error;
	const outcome = model.execute(body.actionName, params.value, objects.value);
	if (outcome.error !== undefined) return errorResponse(400, outcome.error);
	const { executionId, status, objects: done } = outcome.execution;
	return json(200, {
		executionId,
		statusEnum: status,
		progress: 1,
		message: `${body.actionName} done on ${done.length} object${done.length === 1 ? '' : 's'}`,
	});
};

const getAuditTrail: Handler = (request, model) => {
	const execution = model.getExecution(request.params.executionId);
	return execution
		? json(200, execution)
		: errorResponse(404, `Execution ${request.params.executionId} was not found`);
};

export const remediationApi = defineEntity({
	createModel: (services) => new RemediationModel(services),
	routes: (route, { remediationApp }) =>
		remediationApp
			? [
					route('GET', `${APP_PROXY}/settings/actions`, throughProxy(listActions)),
					route('POST', `${APP_PROXY}/execute`, throughProxy(executeAction), WRITE),
					route(
						'GET',
						`${APP_PROXY}/settings/sync-audit-trail/:executionId`,
						throughProxy(getAuditTrail),
					),
				]
			: [],
});
