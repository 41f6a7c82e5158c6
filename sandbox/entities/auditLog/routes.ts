import { defineEntity } from '../../entity';
import { AuditLogModel } from './model';

/** GET /audit-log answers plain text, one event a line. */
export const auditLogApi = defineEntity({
	createModel: (services) => new AuditLogModel(services),
	routes: (route) => [
		route('GET', '/audit-log', (_request, auditLog) => ({
			status: 200,
			text: auditLog.text,
			contentType: 'text/plain; charset=utf-8',
		})),
	],
});
