export { parseBaseUrl } from '../../../credentials/common/bigId/baseUrl';
export { unwrapEnvelope, listPageOf } from './envelope';
export { EndpointNotOfferedError, saysMayHaveHappened } from './errors';
export {
	bigIdApiRequestAllItems,
	DEFAULT_CONCURRENCY,
	DEFAULT_PAGE_SIZE,
	MAX_CONCURRENCY,
} from './pagination';
export type { ListRequest, ListResult } from './pagination';
export { bigIdApiRequest } from './request';
export type { BigIdContext, BigIdRequest } from './request';
