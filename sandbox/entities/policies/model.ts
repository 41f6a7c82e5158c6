import type { CasesModel, SandboxPolicy } from '../cases/model';
import { POLICIES } from '../cases/model';

/** A policy as `GET /compliance-rules` answers it, in the fields public clients show. */
export interface SandboxCompliancePolicy {
	id: string;
	name: string;
	displayName: string;
	type: string;
	description: string;
	severity: SandboxPolicy['severityLevel'];
	category: string | null;
	owner: string;
	is_enabled: boolean;
	status: 'VIOLATED' | 'UNVIOLATED';
	findings: { violated: boolean; findingsAmt: number; calcDate: string | null };
	complianceRuleCalc: { bigidQuery: string; maxFindings: string };
	actions: unknown[];
	taskSettings: { includeLinkToInventory: boolean; includeObjectsReport: boolean };
	apps: unknown[];
}

/** A case in one of these is a live violation of its policy. */
const VIOLATING_STATUSES = ['open', 'acknowledged'];

/**
 * The policies the DSPM cases come from (POLICIES of the cases model, so a case's policyName
 * always names one), violated while a case of theirs is open. Fixed ids, so the shared random
 * sequence of the other models is untouched.
 */
export class PoliciesModel {
	constructor(private readonly cases: CasesModel) {}

	get policies(): SandboxCompliancePolicy[] {
		return POLICIES.map((policy, index) => {
			const violations = this.cases.cases.filter(
				(item) =>
					item.policyName === policy.policyName && VIOLATING_STATUSES.includes(item.caseStatus),
			);
			const lastTriggered = violations
				.map((item) => item.policyLastTriggered)
				.sort()
				.pop();
			return {
				id: `5f2b${String(index + 1).padStart(20, '0')}`,
				name: policy.policyName,
				displayName: policy.policyName,
				type: 'catalog',
				description: policy.policyDescription,
				severity: policy.severityLevel,
				category: policy.compliance,
				owner: 'bigid',
				is_enabled: true,
				status: violations.length > 0 ? 'VIOLATED' : 'UNVIOLATED',
				findings: {
					violated: violations.length > 0,
					findingsAmt: violations.length,
					calcDate: lastTriggered ?? null,
				},
				complianceRuleCalc: {
					bigidQuery: `policy = "${policy.policyName}"`,
					maxFindings: '1',
				},
				actions: [],
				taskSettings: { includeLinkToInventory: false, includeObjectsReport: true },
				apps: [],
			};
		});
	}
}
