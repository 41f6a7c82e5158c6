import type { IDataObject } from 'n8n-workflow';

import { filledText } from '../model/object';
import type { RemediationAction, RemediationTarget } from '../model/remediation';
import { remediationActionsOf, remediationExecutionOf } from '../model/remediation';
import type { BigIdContext, BigIdRequest } from '../transport';
import { bigIdApiRequest, EndpointNotOfferedError, unwrapEnvelope } from '../transport';
import { asNodeError } from './errors';
import { pathText } from './route';
import { oncePerRun } from './runCache';

/**
 * BigID's Remediation app, reached through BigID's app proxy `/proxy/tpa/api/{appId}/...` with
 * an `Accept-version` header. Every path here is inferred from the names of BigID's agent tools
 * (docs/bigid-api.md, part 2), so the prefix is a setting and a 404 or 405 says this BigID does
 * not offer it.
 */

/** Below /api/v1: where BigID's app proxy serves the apps installed in it. */
export const DEFAULT_REMEDIATION_PATH_PREFIX = 'proxy/tpa/api';
/** What BigID's agent tools send to the Remediation app, seen live; an older app took `v1`. */
export const DEFAULT_REMEDIATION_ACCEPT_VERSION = '2.0';

/** The installed Remediation app, as the node's App ID and options name it. */
export interface RemediationApp {
	appId: string;
	acceptVersion: string;
	/** The path segments below /api/v1 before the app ID. */
	pathPrefix: string[];
}

/** A path prefix as users type it (`/api/v1/proxy/tpa/api/`, `proxy/tpa/api`), as segments below /api/v1. */
function remediationPathPrefixOf(text: string): string[] {
	const segments = text.split('/').filter((segment) => segment.trim() !== '');
	return segments[0] === 'api' && segments[1] === 'v1' ? segments.slice(2) : segments;
}

export interface RemediationAppSettings {
	appId: unknown;
	acceptVersion?: unknown;
	pathPrefix?: unknown;
}

export type RemediationAppProblem = { problem: string; description: string };

/** The app the node's parameters name, or what is wrong with them; nothing is sent either way. */
export function remediationAppOf(
	settings: RemediationAppSettings,
): RemediationApp | RemediationAppProblem {
	const appId = filledText(settings.appId);
	if (appId === undefined) {
		return {
			problem: 'App ID is empty',
			description:
				"Enter the Remediation app's ID in BigID, from Administration > Applications Management.",
		};
	}
	const acceptVersion = filledText(settings.acceptVersion ?? DEFAULT_REMEDIATION_ACCEPT_VERSION);
	if (acceptVersion === undefined) {
		return {
			problem: 'Accept Version is empty',
			description: `BigID's app proxy needs the Accept-version header: remove the option to send ${DEFAULT_REMEDIATION_ACCEPT_VERSION}, or enter the version your Remediation app takes.`,
		};
	}
	return {
		appId,
		acceptVersion,
		pathPrefix: remediationPathPrefixOf(
			filledText(settings.pathPrefix) ?? DEFAULT_REMEDIATION_PATH_PREFIX,
		),
	};
}

const APP_FIX =
	"Check the App ID: it is the Remediation app's ID in BigID, under Administration > Applications Management. Check that the Remediation app is installed there; if it is and your BigID serves its apps elsewhere, set Options > Path Prefix to that path.";

const ACCEPT_VERSION_FIX =
	"Check Options > Accept Version: BigID's agent tools send 2.0 to the Remediation app, older apps take v1.";

/**
 * One request to the app. A missing app, an unknown App ID and a BigID without the app proxy all
 * answer 404, so the error names the App ID and the installation first.
 */
async function requestApp(
	context: BigIdContext,
	app: RemediationApp,
	request: Omit<BigIdRequest, 'path' | 'headers' | 'notOffered'> & { path: string[] },
	itemIndex: number,
): Promise<IDataObject> {
	const appPath = [...app.pathPrefix, app.appId];
	try {
		return await bigIdApiRequest.call(
			context,
			{
				...request,
				path: [...appPath, ...request.path],
				headers: { 'Accept-version': app.acceptVersion },
				notOffered: { what: `the Remediation app API at ${pathText(appPath)}` },
			},
			itemIndex,
		);
	} catch (error) {
		if (error instanceof EndpointNotOfferedError) {
			error.description = `${APP_FIX} ${error.description ?? ''}`.trim();
		}
		throw asNodeError(context, error, itemIndex);
	}
}

/**
 * `GET {prefix}/{appId}/settings/actions` (tool `get_proxy_tpa_api_Remediation_settings_actions`):
 * `{workflowActions: [...], annotationActions: [...]}`, each action with `isEnabled`. Read once
 * per node run and app.
 */
export async function listRemediationActions(
	this: BigIdContext,
	app: RemediationApp,
	itemIndex = 0,
): Promise<RemediationAction[]> {
	const key = ['remediationActions', ...app.pathPrefix, app.appId, app.acceptVersion].join('/');
	return await oncePerRun(this, key, async () => {
		const answer = await requestApp(
			this,
			app,
			{ path: ['settings', 'actions'], hints: { 400: ACCEPT_VERSION_FIX } },
			itemIndex,
		);
		return remediationActionsOf(unwrapEnvelope(answer));
	});
}

export interface RemediationParameterValue extends IDataObject {
	paramName: string;
	paramValue: IDataObject[string];
}

export interface RemediationExecution {
	actionName: string;
	actionParams: RemediationParameterValue[];
	objects: RemediationTarget[];
}

/**
 * `POST {prefix}/{appId}/execute` (tool `post_proxy_tpa_api_Remediation_execute`) with
 * `{actionName, actionParams: [{paramName, paramValue}], objects}`; the app answers the
 * `executionId` BigID gave the execution and its `statusEnum`. BigID makes the execution ID, so
 * no key of the caller's can make a repeated request harmless: the transport never sends it again
 * once it may have arrived.
 */
export async function executeRemediationAction(
	this: BigIdContext,
	app: RemediationApp,
	execution: RemediationExecution,
	itemIndex = 0,
): Promise<IDataObject> {
	const answer = await requestApp(
		this,
		app,
		{
			method: 'POST',
			path: ['execute'],
			body: {
				actionName: execution.actionName,
				actionParams: execution.actionParams,
				// A name given without its data source goes without one: the app finds it by name.
				objects: execution.objects.map(({ fullyQualifiedName, source }) =>
					source === null ? { fullyQualifiedName } : { fullyQualifiedName, source },
				),
			},
			hints: {
				400: `The Remediation app refused the action: check its parameters (Remediation > Get Actions lists them) and the objects. ${ACCEPT_VERSION_FIX}`,
			},
		},
		itemIndex,
	);
	return unwrapEnvelope(answer);
}

/**
 * `GET {prefix}/{appId}/settings/sync-audit-trail/{executionId}` (tool
 * `get_proxy_tpa_api_Remediation_settings_sync_audit_trail_by_id`): the execution's audit trail,
 * in whichever shape the app answers it.
 */
export async function getRemediationExecution(
	this: BigIdContext,
	app: RemediationApp,
	executionId: string,
	itemIndex = 0,
): Promise<IDataObject> {
	const answer = await requestApp(
		this,
		app,
		{
			path: ['settings', 'sync-audit-trail', executionId],
			hints: { 400: ACCEPT_VERSION_FIX },
		},
		itemIndex,
	);
	return remediationExecutionOf(unwrapEnvelope(answer), executionId);
}
