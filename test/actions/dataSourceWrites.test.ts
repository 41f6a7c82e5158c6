import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { FAILING_DATA_SOURCE_NAME } from '../../sandbox';
import { dataSourcesApi } from '../../sandbox/entities/dataSources/routes';
import { runNode } from '../harness/actionNode';
import { runWorkflow } from '../harness/engine';
import { byName, jsonOf } from '../harness/items';
import type { SandboxSession } from '../harness/sandbox';
import { requestsTo, startSandboxSession, useSandboxSession } from '../harness/sandbox';

const CREATE_ROUTE = 'POST /api/v1/ds_connections';
const UPDATE_ROUTE = 'PUT /api/v1/ds_connections/:name';
const DELETE_ROUTE = 'DELETE /api/v1/ds_connections/:name';
const TEST_ROUTE = 'POST /api/v1/ds-connection-test';
const SCAN_ROUTE = 'POST /api/v1/ds-connections/:name/scan';

const session = useSandboxSession({ dataSources: 6, scanDurationMs: 3_600_000 });

const run = (parameters: INodeParameters, input?: IDataObject[], continueOnFail?: boolean) =>
	runNode(session.credentials, 'dataSource', parameters, input, continueOnFail);

const dataSources = () => session.sandbox.store.model(dataSourcesApi);
const named = (name: string) => dataSources().dataSources.filter((source) => source.name === name);
const writes = (route: string) => session.sandbox.stats.writes[route] ?? 0;

/** A CMDB item's data source: a MySQL database. */
const CRM = {
	operation: 'create',
	name: 'crm-db-prod',
	type: 'rdb-mysql',
	host: 'crm.internal:3306',
	credentialId: 'mysql-scanner',
	enabled: true,
};

describe('Data Source > Create', () => {
	it('creates a data source from the fields of a CMDB item, with BigID spellings', async () => {
		const { items, error } = await run({
			...CRM,
			additionalFields: {
				securityTier: '3',
				description: 'CRM of the sales team',
				extraFields: '{"rdb_name": "crm", "rdb_url": "ignored:1"}',
			},
		});
		expect(error).toBeUndefined();
		const [stored] = named('crm-db-prod');
		expect(stored).toMatchObject({
			name: 'crm-db-prod',
			type: 'rdb-mysql',
			rdb_url: 'crm.internal:3306',
			rdb_name: 'crm',
			credential_id: 'mysql-scanner',
			enabled: 'yes',
			security_tier: '3',
			scanner_strategy: 'SCAN_ALL',
			description: 'CRM of the sales team',
		});
		expect(jsonOf(items)).toEqual([
			expect.objectContaining({ _id: stored._id, id: stored._id, name: 'crm-db-prod' }),
		]);
		expect(writes(CREATE_ROUTE)).toBe(1);
	});

	it.each([
		['smb', 'smbServer', 'files.internal'],
		['nfs', 'nfsServer', 'nfs.internal:/exports/hr'],
		['rdb-postgresql', 'rdb_url', 'pg.internal:5432'],
	])(
		'sends the host of a %s source as %s, and a disabled one as enabled "no"',
		async (type, field, host) => {
			const { error } = await run({ ...CRM, name: `share-${type}`, type, host, enabled: false });
			expect(error).toBeUndefined();
			expect(named(`share-${type}`)[0]).toMatchObject({ [field]: host, enabled: 'no' });
		},
	);

	it('takes a type BigID has installed beyond the list, its host under Extra Connection Fields', async () => {
		const { error } = await run({
			...CRM,
			name: 'archive-bucket',
			type: '={{ "s3-v2" }}',
			host: '',
			additionalFields: { extraFields: { bucketName: 'acme-archive' } },
		});
		expect(error).toBeUndefined();
		expect(named('archive-bucket')[0]).toMatchObject({ type: 's3-v2', bucketName: 'acme-archive' });
	});

	it('fails a name that exists already before any write, naming Update', async () => {
		const existing = dataSources().dataSources[1].name;
		const { error } = await run({ ...CRM, name: existing });
		expect(error?.message).toBe(`A data source named "${existing}" already exists`);
		expect(error?.description).toMatch(/Nothing was sent to BigID\. Use Data Source > Update/);
		expect(requestsTo(session.sandbox, CREATE_ROUTE)).toBe(0);
		expect(named(existing)).toHaveLength(1);
	});

	it.each([
		[{ name: 'crm.db.prod' }, /"crm\.db\.prod" is not a valid data source name/],
		[{ name: '  ' }, /Name is empty/],
		[{ host: '' }, /Host or URL is empty/],
		[{ type: '={{ "s3-v2" }}' }, /does not know where a data source of type s3-v2 takes its host/],
		[{ additionalFields: { extraFields: '[1]' } }, /Extra Connection Fields must be a JSON object/],
	])('refuses bad input %j before any request', async (change, message) => {
		const { error } = await run({ ...CRM, ...change });
		expect(error?.message).toMatch(message);
		expect(session.sandbox.stats.requests).toBe(0);
	});

	it('refuses the second of two items with one name before it writes', async () => {
		const { error } = await run(
			{ ...CRM, name: '={{ $json.name }}' },
			[{ name: 'twin-db' }, { name: 'twin-db' }],
			false,
		);
		expect(error?.message).toBe('A data source named "twin-db" already exists');
		expect(named('twin-db')).toHaveLength(1);
		expect(writes(CREATE_ROUTE)).toBe(1);
	});

	it('chains Create → Scan: the new source is listed and scanned by name', async () => {
		const result = await runWorkflow({
			credentials: session.credentials,
			nodes: [
				{ parameters: { resource: 'dataSource', ...CRM } },
				{
					parameters: {
						resource: 'dataSource',
						operation: 'scan',
						dataSourceName: byName('={{ $json.name }}'),
					},
				},
			],
		});
		expect(result.error).toBeUndefined();
		const scan = session.sandbox.store.parentScans.at(-1)!;
		expect(scan.scanChildren.map((child) => child.dataSourceName)).toEqual(['crm-db-prod']);
		expect(jsonOf(result.items)).toEqual([
			expect.objectContaining({ dataSourceName: 'crm-db-prod', scanId: scan.scanChildren[0]._id }),
		]);
		expect(writes(SCAN_ROUTE)).toBe(1);
		const listed = await run({ operation: 'getMany', returnAll: true });
		expect(listed.items.map((item) => item.json.name)).toContain('crm-db-prod');
	});
});

describe('Data Source > Update', () => {
	const update = (dataSource: INodeParameters, updateFields: INodeParameters) =>
		run({ operation: 'update', dataSource, updateFields });

	it('changes only the Update Fields and keeps every other field and the password', async () => {
		await run({
			...CRM,
			additionalFields: { extraFields: { rdb_name: 'crm', password: 'Db-Secret-1' } },
		});
		const before = named('crm-db-prod')[0];
		const { items, error } = await update(byName('crm-db-prod'), {
			enabled: false,
			host: 'crm-replica.internal:3306',
		});
		expect(error).toBeUndefined();
		const after = named('crm-db-prod')[0];
		expect(after).toMatchObject({
			_id: before._id,
			enabled: 'no',
			rdb_url: 'crm-replica.internal:3306',
			rdb_name: 'crm',
			credential_id: 'mysql-scanner',
			scanner_strategy: 'SCAN_ALL',
		});
		expect(dataSources().passwordOf('crm-db-prod')).toBe('Db-Secret-1');
		expect(jsonOf(items)).toEqual([
			expect.objectContaining({ _id: before._id, enabled: 'no', rdb_name: 'crm' }),
		]);
		expect(writes(UPDATE_ROUTE)).toBe(1);
	});

	it('finds the source by ID too', async () => {
		const source = dataSources().dataSources[2];
		const { error } = await update(
			{ __rl: true, mode: 'id', value: source._id },
			{ description: 'Owned by finance' },
		);
		expect(error).toBeUndefined();
		expect(dataSources().get(source._id)).toMatchObject({
			name: source.name,
			type: source.type,
			description: 'Owned by finance',
		});
	});

	it('says "Nothing to update" without fields, before any request', async () => {
		for (const fields of [{}, { credentialId: '  ', extraFields: '{}' }]) {
			const { error } = await update(byName(dataSources().dataSources[0].name), fields);
			expect(error?.message).toBe('Nothing to update');
		}
		expect(session.sandbox.stats.requests).toBe(0);
	});

	it('fails an unknown data source without writing', async () => {
		const { error } = await update(byName('no-such-source'), { enabled: false });
		expect(error?.message).toBe('Data source "no-such-source" was not found');
		expect(requestsTo(session.sandbox, UPDATE_ROUTE)).toBe(0);
	});
});

describe('Data Source > Delete', () => {
	const remove = (name: string, confirmDeletion: boolean) =>
		run({ operation: 'delete', dataSource: byName(name), confirmDeletion });

	it('deletes a data source when confirmed', async () => {
		const source = dataSources().dataSources[0];
		const { items, error } = await remove(source.name, true);
		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			expect.objectContaining({ name: source.name, _id: source._id, deleted: true }),
		]);
		expect(named(source.name)).toHaveLength(0);
		expect(writes(DELETE_ROUTE)).toBe(1);
	});

	it('stops before sending anything without Confirm Deletion', async () => {
		const source = dataSources().dataSources[0];
		const { error } = await remove(source.name, false);
		expect(error?.message).toBe('Deletion was not confirmed');
		expect(session.sandbox.stats.requests).toBe(0);
		expect(named(source.name)).toHaveLength(1);
	});

	it('fails a data source that is not there, naming it', async () => {
		const { error } = await remove('no-such-source', true);
		expect(error?.message).toBe('Data source "no-such-source" was not found');
		expect(requestsTo(session.sandbox, DELETE_ROUTE)).toBe(0);
	});
});

describe('Data Source > Test Connection', () => {
	const test = (name: string, options: INodeParameters = {}) =>
		run({ operation: 'testConnection', dataSource: byName(name), options });

	it('reports a connection that works', async () => {
		const { name } = dataSources().dataSources[0];
		const { items, error } = await test(name);
		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ name, connectionOk: true, message: 'Connection succeeded' }]);
		expect(requestsTo(session.sandbox, TEST_ROUTE)).toBe(1);
	});

	it('outputs a failing connection (an unreachable host) for an If node to branch on', async () => {
		await run({ ...CRM, name: 'legacy-db', host: 'unreachable.internal:3306' });
		const { items, error } = await test('legacy-db');
		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{
				name: 'legacy-db',
				connectionOk: false,
				message: 'Connection timed out: unreachable.internal:3306 could not be reached',
			},
		]);
	});

	it('fails the item instead with Fail on Connection Failure', async () => {
		const { error } = await test(FAILING_DATA_SOURCE_NAME, { failOnConnectionFailure: true });
		expect(error?.message).toBe(
			`BigID could not connect to data source "${FAILING_DATA_SOURCE_NAME}": Access denied: the credentials of the data source expired`,
		);
	});

	it('fails an unknown data source before testing', async () => {
		const { error } = await test('no-such-source');
		expect(error?.message).toBe('Data source "no-such-source" was not found');
		expect(requestsTo(session.sandbox, TEST_ROUTE)).toBe(0);
	});
});

describe('Data Source > Test Connection on a BigID without it', () => {
	let other: SandboxSession;
	beforeEach(async () => {
		other = await startSandboxSession({ dataSources: 3, dataSourceConnectionTest: false });
	});
	afterEach(async () => await other.sandbox.close());

	it('says this BigID version does not offer it', async () => {
		const { error } = await runNode(other.credentials, 'dataSource', {
			operation: 'testConnection',
			dataSource: byName(other.sandbox.store.dataSources[0].name),
		});
		expect(error?.message).toMatch(
			/^This BigID version does not offer testing data source connections \(POST \/api\/v1\/ds-connection-test answered 404\)/,
		);
	});
});
