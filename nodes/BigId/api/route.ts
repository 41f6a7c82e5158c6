import { API_PREFIX } from '../../../credentials/common/bigId/baseUrl';

/** An endpoint's path as messages and descriptions name it: `/api/v1/sar/reports`. */
export function pathText(path: readonly string[]): string {
	return `${API_PREFIX}/${path.join('/')}`;
}

/** An endpoint as messages and descriptions name it: `POST /api/v1/sar/reports`. */
export function routeText(path: readonly string[], method = 'GET'): string {
	return `${method} ${pathText(path)}`;
}
