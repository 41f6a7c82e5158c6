export { parseBaseUrl } from '../../../credentials/common/bigId/baseUrl';
export { redactSecrets } from '../../../credentials/common/bigId/secrets';
export { normalizeObject, fillAliases, idOf, unwrapEnvelope, readListPage } from './envelope';
export { bigIdApiRequestAllItems, DEFAULT_PAGE_SIZE } from './pagination';
export type { ListRequest, ListResult } from './pagination';
export { bigIdApiRequest } from './request';
export type { BigIdContext, BigIdRequest } from './request';
