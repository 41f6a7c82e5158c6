import type { SandboxClock } from '../../clock';
import type { ModelServices } from '../../entity';

export interface SandboxSarProfile {
	_id: string;
	name: string;
	allEnabledEs: boolean;
	allEnabledDs: boolean;
	scopes: string[];
	isCustom: boolean;
}

export interface SandboxSarRequest {
	requestId: string;
	profileId: string;
	userValues: Array<{ attributeName: string; attributeValue: string }>;
	createdAtMs: number;
}

export interface SandboxSarAttribute {
	name: string;
	friendlyName: string;
	type: string;
	isIdentifier: boolean;
}

const PROFILE_IDS = ['5f1a00000000000000000001', '5f1a00000000000000000002'];

/**
 * DSAR profiles and the identity attributes each searches by. Fixed data (no ids or random
 * numbers taken from the shared sequence), so the other entities' data stays the same.
 */
export class DsarModel {
	readonly requests: SandboxSarRequest[] = [];
	private readonly clock: SandboxClock;
	private readonly durationMs: number;

	constructor({ clock, options }: ModelServices) {
		this.clock = clock;
		this.durationMs = options.scanDurationMs;
	}

	readonly profiles: SandboxSarProfile[] = [
		{
			_id: PROFILE_IDS[0],
			name: 'Default Profile',
			allEnabledEs: true,
			allEnabledDs: true,
			scopes: ['root'],
			isCustom: false,
		},
		{
			_id: PROFILE_IDS[1],
			name: 'EU Customers',
			allEnabledEs: false,
			allEnabledDs: false,
			scopes: ['eu-customers'],
			isCustom: true,
		},
	];

	private readonly attributesOfProfile = new Map<string, SandboxSarAttribute[]>([
		[
			PROFILE_IDS[0],
			[
				{ name: 'email', friendlyName: 'Email', type: 'string', isIdentifier: true },
				{ name: 'full_name', friendlyName: 'Full Name', type: 'string', isIdentifier: false },
				{ name: 'phone', friendlyName: 'Phone', type: 'string', isIdentifier: false },
			],
		],
		[
			PROFILE_IDS[1],
			[
				{ name: 'email', friendlyName: 'Email', type: 'string', isIdentifier: true },
				{ name: 'customer_id', friendlyName: 'Customer ID', type: 'string', isIdentifier: true },
			],
		],
	]);

	attributesOf(profileId: string): SandboxSarAttribute[] | undefined {
		return this.attributesOfProfile.get(profileId);
	}

	submit(profileId: string, userValues: SandboxSarRequest['userValues']): SandboxSarRequest {
		const request = {
			requestId: `dsar-${String(this.requests.length + 1).padStart(4, '0')}`,
			profileId,
			userValues,
			createdAtMs: this.clock.stamp(),
		};
		this.requests.push(request);
		return request;
	}

	/** A request searches for as long as a scan takes, then its report is ready. */
	statusOf(requestId: string): string | undefined {
		const request = this.requests.find((candidate) => candidate.requestId === requestId);
		if (!request) return undefined;
		return this.clock.now() - request.createdAtMs >= this.durationMs ? 'Completed' : 'InProgress';
	}
}
