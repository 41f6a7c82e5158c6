import { iso, SEED_EPOCH_MS, SEEDED_HISTORY_SPAN_MS, type SandboxClock } from '../../clock';
import type { ModelServices } from '../../entity';
import { describeSort, sortItems, type SortKey } from '../../query';
import type { ObjectIdFactory, SeededRandom } from '../../random';
import type { DataSourcesModel, SandboxDataSource } from '../dataSources/model';
import type { ChildScan, ScansModel } from '../scans/model';

/** The statuses real BigID clients are seen to set; BigID's set is open, the sandbox's is not. */
export const CASE_STATUSES = [
	'open',
	'acknowledged',
	'remediated',
	'silenced',
	'resolved',
	'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A case in one of these is still the policy's live violation: another scan does not open a new one. */
const ACTIVE_STATUSES: readonly string[] = ['open', 'acknowledged', 'silenced'];

export interface SandboxPolicy {
	policyName: string;
	severityLevel: 'low' | 'medium' | 'high' | 'critical';
	compliance: string | null;
	policyDescription: string;
	/** The data source types whose scans find data this policy flags. */
	sourceTypes: readonly string[];
}

/** Data source types absent from every policy (mongodb here) hold no sensitive data: their scans open no case. */
export const POLICIES: readonly SandboxPolicy[] = [
	{
		policyName: 'Passwords',
		severityLevel: 'critical',
		compliance: 'Passwords',
		policyDescription: 'Cleartext and hashed passwords found outside a secrets store.',
		sourceTypes: ['s3', 'gdrive'],
	},
	{
		policyName: 'PCI - Credit Card Numbers',
		severityLevel: 'high',
		compliance: 'PCI DSS',
		policyDescription: 'Card numbers stored outside the PCI scope.',
		sourceTypes: ['rdb-mysql', 'snowflake'],
	},
	{
		policyName: 'Open Access to PII',
		severityLevel: 'high',
		compliance: 'GDPR',
		policyDescription: 'Personal data readable by everyone in the organisation or publicly.',
		sourceTypes: ['s3', 'gdrive'],
	},
	{
		policyName: 'GDPR - Personal Sensitive',
		severityLevel: 'medium',
		compliance: 'GDPR',
		policyDescription: 'Special categories of personal data under GDPR article 9.',
		sourceTypes: ['rdb-mysql', 'rdb-postgresql', 'salesforce'],
	},
	{
		policyName: 'Stale Sensitive Data',
		severityLevel: 'low',
		compliance: null,
		policyDescription: 'Sensitive objects nobody opened for more than two years.',
		sourceTypes: ['snowflake', 'salesforce', 'rdb-postgresql'],
	},
];

export interface SandboxCase {
	_id: string;
	id: string;
	caseId: string;
	caseStatus: string;
	caseLabel: string;
	caseType: string;
	policyName: string;
	policyType: string;
	policyOwner: string;
	policyDescription: string;
	policyLastTriggered: string;
	severityLevel: string;
	compliance: string | null;
	dataSourceName: string;
	dataSourceType: string;
	dataSourceDisplayName: string;
	dataSourceOwner: string | null;
	assignee: string;
	numberOfAffectedObjects: number;
	/** The last time the case entered each status, as BigID records it. */
	caseStatusUpdateDates: Record<string, string>;
	ticketMetadata: Record<string, unknown> | null;
	/** Set by BigID's ticketing integration: the ticket's link, or "Creation Failed". */
	ticketUrl?: string;
	created_at: string;
	updated_at: string;
}

/** What `cases-group-by-policy?groupBy=` groups by, and the case field each one reads. */
export const CASE_GROUPINGS = ['policy', 'severity', 'status', 'dataSource'] as const;
export type CaseGrouping = (typeof CASE_GROUPINGS)[number];
const GROUPED_FIELD = {
	severity: 'severityLevel',
	status: 'caseStatus',
	dataSource: 'dataSourceName',
} as const;

export interface CaseGroup {
	_id: string;
	policyName: string;
	policyLastTriggered: string;
	caseCount: number;
	caseStatus: string;
	severity: string;
}

const ASSIGNEES = ['bigid', 'secops', 'dpo', 'cloud-team'];

/**
 * DSPM cases (Actionable Insights): a child scan that completes on a data source whose type a
 * policy watches opens a case for that policy and source, unless one is still active. The
 * `cases` option seeds a history of older cases. Every change moves `updated_at` to a fresh
 * stamp, so cases sorted newest first show the latest change first.
 */
export class CasesModel {
	private readonly caseList: SandboxCase[] = [];
	private readonly casesById = new Map<string, SandboxCase>();
	private readonly sortedCases = new Map<string, SandboxCase[]>();
	private readonly clock: SandboxClock;
	private readonly ids: ObjectIdFactory;
	private readonly random: SeededRandom;
	private ticketCount = 0;
	private readonly writesByCase = new Map<string, number>();

	constructor(
		{ clock, ids, random, options }: ModelServices,
		private readonly scans: ScansModel,
		private readonly dataSources: DataSourcesModel,
	) {
		this.clock = clock;
		this.ids = ids;
		this.random = random;
		scans.onChildScanFinished((child, atMs) => this.scanFinished(child, atMs));
		this.seed(options.cases);
	}

	/** Every case in creation order, after the scans that finished so far opened theirs. */
	get cases(): readonly SandboxCase[] {
		this.settleScans();
		return this.caseList;
	}

	/** By `_id`/`id` or by the friendly `caseId`. */
	get(id: string): SandboxCase | undefined {
		this.settleScans();
		return this.casesById.get(id) ?? this.caseList.find((item) => item.caseId === id);
	}

	/** Sorted cases; orders are cached until a case changes, so polling 10,000 cases costs a slice. */
	query(sort: SortKey[]): readonly SandboxCase[] {
		this.settleScans();
		const cacheKey = describeSort(sort);
		let sorted = this.sortedCases.get(cacheKey);
		if (!sorted) {
			sorted = sort.length > 0 ? sortItems(this.caseList, sort) : this.caseList;
			this.sortedCases.set(cacheKey, sorted);
		}
		return sorted;
	}

	/** How many writes changed the case since the sandbox started: a write done twice shows. */
	writesTo(id: string): number {
		return this.writesByCase.get(id) ?? 0;
	}

	/** Sets a status: `updated_at` and the status's date move, even when the status is the same. */
	setStatus(id: string, status: string): SandboxCase | undefined {
		const found = this.get(id);
		if (!found) return undefined;
		this.countWrite(found);
		const stamp = iso(this.clock.stamp());
		found.caseStatus = status;
		found.caseStatusUpdateDates = { ...found.caseStatusUpdateDates, [status]: stamp };
		found.updated_at = stamp;
		this.sortedCases.clear();
		return found;
	}

	/** Changes other fields (assignee, affected objects...): `updated_at` moves, the status does not. */
	update(id: string, patch: Partial<SandboxCase>): SandboxCase | undefined {
		const found = this.get(id);
		if (!found) return undefined;
		this.countWrite(found);
		Object.assign(found, patch, { updated_at: iso(this.clock.stamp()) });
		this.sortedCases.clear();
		return found;
	}

	/** Opens a case now for a policy on a data source, as a finished scan would. */
	open(policyName: string, dataSourceName: string): SandboxCase {
		const policy = POLICIES.find((candidate) => candidate.policyName === policyName);
		const source = this.dataSources.get(dataSourceName);
		if (!policy || !source) {
			throw new Error(`Unknown policy ${policyName} or data source ${dataSourceName}`);
		}
		const stamp = iso(this.clock.stamp());
		return this.add(policy, source, 'open', stamp, stamp);
	}

	/** Cases by policy and status, as `cases-group-by-policy` answers them. */
	groupByPolicy(cases: readonly SandboxCase[]): CaseGroup[] {
		const groups = new Map<string, CaseGroup>();
		for (const item of cases) {
			const key = `${item.policyName}\u0000${item.caseStatus}`;
			const group = groups.get(key);
			if (group) {
				group.caseCount += 1;
				if (item.policyLastTriggered > group.policyLastTriggered) {
					group.policyLastTriggered = item.policyLastTriggered;
				}
			} else {
				groups.set(key, {
					_id: `${item.policyName}:${item.caseStatus}`,
					policyName: item.policyName,
					policyLastTriggered: item.policyLastTriggered,
					caseCount: 1,
					caseStatus: item.caseStatus,
					severity: item.severityLevel,
				});
			}
		}
		return [...groups.values()].sort(
			(left, right) => right.caseCount - left.caseCount || left._id.localeCompare(right._id, 'en'),
		);
	}

	/** Cases by severity, status or data source: `{_id, <that field>, caseCount}`. */
	groupBy(
		cases: readonly SandboxCase[],
		grouping: Exclude<CaseGrouping, 'policy'>,
	): Array<Record<string, unknown>> {
		const field = GROUPED_FIELD[grouping];
		const counts = new Map<string, number>();
		for (const item of cases) counts.set(item[field], (counts.get(item[field]) ?? 0) + 1);
		return [...counts.entries()]
			.sort(([left], [right]) => left.localeCompare(right, 'en'))
			.map(([value, caseCount]) => ({ _id: value, [field]: value, caseCount }));
	}

	/** The bulk update: every case of the policies gets the value; the number that changed. */
	updateOfPolicies(policyNames: string[], field: 'caseStatus' | 'assignee', value: string): number {
		const targets = this.cases.filter(
			(item) => policyNames.includes(item.policyName) && item[field] !== value,
		);
		for (const item of targets) {
			if (field === 'caseStatus') this.setStatus(item._id, value);
			else this.update(item._id, { assignee: value });
		}
		return targets.length;
	}

	/**
	 * A ticket by BigID's integration: a configured system gives the case a ticket and its URL, an
	 * unconfigured one writes "Creation Failed" where the URL would be, as BigID does.
	 */
	ticketFor(
		id: string,
		system: 'jira' | 'service_now',
		action: 'createTicket' | 'fetchTicketAndSync',
		configured: boolean,
	): SandboxCase | undefined {
		const found = this.get(id);
		if (!found) return undefined;
		if (!configured) {
			return this.update(id, {
				ticketMetadata: { ticketType: system },
				ticketUrl: 'Creation Failed',
			});
		}
		if (action === 'fetchTicketAndSync' && found.ticketMetadata) {
			return this.update(id, {
				ticketMetadata: { ...found.ticketMetadata, syncedAt: iso(this.clock.now()) },
			});
		}
		this.ticketCount += 1;
		const key = `BIGID-${this.ticketCount}`;
		const url =
			system === 'jira'
				? `https://jira.example.com/browse/${key}`
				: `https://example.service-now.com/nav_to.do?uri=sn_grc_issue.do?number=${key}`;
		return this.update(id, {
			ticketMetadata: { ticketType: system, ticketKey: key },
			ticketUrl: url,
		});
	}

	/** Cases opened and remediated per day, over the last 7 days of the clock. */
	trends(): Array<Record<string, unknown>> {
		const dayMs = 24 * 3600 * 1000;
		const today = Math.floor(this.clock.now() / dayMs) * dayMs;
		return Array.from({ length: 7 }, (_, index) => {
			const start = today - (6 - index) * dayMs;
			const inDay = (date: string | undefined) =>
				date !== undefined && Date.parse(date) >= start && Date.parse(date) < start + dayMs;
			return {
				date: iso(start).slice(0, 10),
				opened: this.cases.filter((item) => inDay(item.created_at)).length,
				remediated: this.cases.filter((item) => inDay(item.caseStatusUpdateDates.remediated))
					.length,
			};
		});
	}

	private countWrite(item: SandboxCase): void {
		this.writesByCase.set(item._id, this.writesTo(item._id) + 1);
	}

	private settleScans(): void {
		// Reading the scans brings them up to the clock, and their listeners open cases.
		void this.scans.parentScans;
	}

	/**
	 * Dated when the scan finished, not when the sandbox noticed: every case read brings the scans
	 * up to the clock first, so no case can appear behind one already read.
	 */
	private scanFinished(child: ChildScan, atMs: number): void {
		if (child.state !== 'Completed') return;
		const source = this.dataSources.get(child.dataSourceId);
		if (!source) return;
		for (const policy of POLICIES.filter((candidate) =>
			candidate.sourceTypes.includes(source.type),
		)) {
			const stamp = iso(atMs);
			const active = this.caseList.find(
				(item) =>
					item.policyName === policy.policyName &&
					item.dataSourceName === source.name &&
					ACTIVE_STATUSES.includes(item.caseStatus),
			);
			if (active) {
				active.policyLastTriggered = stamp;
				if (stamp > active.updated_at) active.updated_at = stamp;
			} else {
				this.add(policy, source, 'open', stamp, stamp);
			}
		}
		this.sortedCases.clear();
	}

	/** A history of cases: opened over the seeded year, most of them handled since. */
	private seed(count: number): void {
		const sources = this.dataSources.dataSources.filter((source) =>
			POLICIES.some((policy) => policy.sourceTypes.includes(source.type)),
		);
		if (count === 0 || sources.length === 0) return;
		const stepMs = SEEDED_HISTORY_SPAN_MS / count;
		for (let index = 0; index < count; index++) {
			const source = sources[index % sources.length];
			const policies = POLICIES.filter((policy) => policy.sourceTypes.includes(source.type));
			const policy = this.random.pick(policies);
			const openedAtMs = SEED_EPOCH_MS + Math.round(index * stepMs);
			const status = this.random.pick(CASE_STATUSES);
			const changedAtMs = status === 'open' ? openedAtMs : openedAtMs + Math.round(stepMs / 2);
			const seeded = this.add(policy, source, 'open', iso(openedAtMs), iso(openedAtMs));
			if (status !== 'open') {
				seeded.caseStatus = status;
				seeded.caseStatusUpdateDates[status] = iso(changedAtMs);
				seeded.updated_at = iso(changedAtMs);
			}
		}
	}

	private add(
		policy: SandboxPolicy,
		source: SandboxDataSource,
		status: string,
		createdAt: string,
		updatedAt: string,
	): SandboxCase {
		const id = this.ids.next();
		const created: SandboxCase = {
			_id: id,
			id,
			caseId: `SPC-${this.caseList.length + 1}`,
			caseStatus: status,
			caseLabel: `${policy.policyName} detected on ${source.type}`,
			caseType: 'dataSourcePolicyCase',
			policyName: policy.policyName,
			policyType: 'catalog',
			policyOwner: 'bigid',
			policyDescription: policy.policyDescription,
			policyLastTriggered: createdAt,
			severityLevel: policy.severityLevel,
			compliance: policy.compliance,
			dataSourceName: source.name,
			dataSourceType: source.type,
			dataSourceDisplayName: source.name.replace(/-/g, ' '),
			dataSourceOwner: source.type === 's3' ? 'cloud-team' : null,
			assignee: this.random.pick(ASSIGNEES),
			numberOfAffectedObjects: this.random.integer(1, 500),
			caseStatusUpdateDates: { [status]: createdAt },
			ticketMetadata: null,
			created_at: createdAt,
			updated_at: updatedAt,
		};
		this.caseList.push(created);
		this.casesById.set(id, created);
		this.sortedCases.clear();
		return created;
	}
}
