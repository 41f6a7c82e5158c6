import type { SandboxClock } from '../../clock';
import type { ModelServices } from '../../entity';
import type { CatalogModel } from '../catalog/model';

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
	/** Reads of its status so far: each one moves the search on. */
	statusReads: number;
	/** Why the search fails once it ends, for a request of a person `failRequestsFor` named. */
	failure?: string;
	/** The report, taken once when the search completed. */
	records?: SandboxSarRecord[];
}

/** One finding of the report: where BigID found which attribute of the person, and its value. */
export interface SandboxSarRecord {
	source: string;
	fullObjectName: string;
	objectName: string;
	attributeName: string;
	attributeValue: string;
	identityAttribute: string;
	category: string;
	count: number;
}

/** What a request's status answer says; 'Failed' only ever after the search ended. */
export type SandboxSarStatus = 'Pending' | 'InProgress' | 'Completed' | 'Failed';

const CATEGORIES: Record<string, string> = {
	email: 'Contact',
	phone: 'Contact',
	full_name: 'Identity',
	date_of_birth: 'Identity',
	ssn: 'Government ID',
	credit_card: 'Financial',
	iban: 'Financial',
};

/** Digits derived from the person, so a report is the same for the same person every time. */
function digitsOf(text: string, length: number): string {
	let hash = 0x811c9dc5;
	let digits = '';
	while (digits.length < length) {
		for (let index = 0; index < text.length; index++) {
			hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
		}
		digits += String(hash % 10);
	}
	return digits;
}

/** The value the data sources hold for an attribute of the person identified by `identity`. */
function valueOf(attribute: string, identity: string): string {
	const local = identity.split('@')[0];
	const digits = (length: number) => digitsOf(`${attribute}:${identity}`, length);
	switch (attribute) {
		case 'email':
			return identity.includes('@') ? identity : `${local}@example.com`;
		case 'full_name':
			return local
				.split(/[._-]+/)
				.filter((part) => part !== '')
				.map((part) => part[0].toUpperCase() + part.slice(1))
				.join(' ');
		case 'phone':
			return `+1 555 ${digits(3)} ${digits(7).slice(3)}`;
		case 'ssn':
			return `***-**-${digits(4)}`;
		case 'credit_card':
			return `**** **** **** ${digits(4)}`;
		case 'iban':
			return `DE** **** **** **** ${digits(4)}`;
		case 'date_of_birth':
			return `19${digits(2)}-0${(Number(digits(1)) % 9) + 1}-1${digits(1)}`;
		default:
			return `${attribute}-${digits(6)}`;
	}
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
	/** Identity values whose requests fail, with BigID's message. */
	private readonly failures = new Map<string, string>();

	constructor(
		{ clock, options }: ModelServices,
		private readonly catalog: CatalogModel,
	) {
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

	/** Requests for a person with this identity value (an email...) fail with `message`. */
	failRequestsFor(attributeValue: string, message: string): void {
		this.failures.set(attributeValue, message);
	}

	submit(profileId: string, userValues: SandboxSarRequest['userValues']): SandboxSarRequest {
		const failing = userValues.find((value) => this.failures.has(value.attributeValue));
		const request: SandboxSarRequest = {
			requestId: `dsar-${String(this.requests.length + 1).padStart(4, '0')}`,
			profileId,
			userValues,
			createdAtMs: this.clock.stamp(),
			statusReads: 0,
			...(failing ? { failure: this.failures.get(failing.attributeValue) } : {}),
		};
		this.requests.push(request);
		return request;
	}

	find(requestId: string): SandboxSarRequest | undefined {
		return this.requests.find((candidate) => candidate.requestId === requestId);
	}

	/**
	 * A status read: the search ends at the `readsToComplete`-th read (Pending at the first,
	 * InProgress after), or once it has run as long as a scan takes.
	 */
	readStatus(request: SandboxSarRequest, readsToComplete: number): SandboxSarStatus {
		request.statusReads++;
		return this.statusOf(request, readsToComplete);
	}

	statusOf(request: SandboxSarRequest, readsToComplete: number): SandboxSarStatus {
		const ended =
			request.statusReads >= readsToComplete ||
			this.clock.now() - request.createdAtMs >= this.durationMs;
		if (!ended) return request.statusReads <= 1 ? 'Pending' : 'InProgress';
		if (request.failure !== undefined) return 'Failed';
		request.records ??= this.findingsOf(request);
		return 'Completed';
	}

	/**
	 * Every attribute found in a catalog table that holds the person's identity attribute: the
	 * person's values in each, derived from the first identity value.
	 */
	private findingsOf(request: SandboxSarRequest): SandboxSarRecord[] {
		const [identity] = request.userValues;
		return this.catalog.objects
			.filter(
				(object) =>
					object.objectType === 'rdb' && object.attribute.includes(identity.attributeName),
			)
			.flatMap((object) =>
				object.attribute_details.map((detail) => ({
					source: object.source,
					fullObjectName: object.fullyQualifiedName,
					objectName: object.objectName,
					attributeName: detail.name,
					attributeValue: valueOf(detail.name, identity.attributeValue),
					identityAttribute: identity.attributeName,
					category: CATEGORIES[detail.name] ?? 'Other',
					count: 1 + (Number(digitsOf(`${object.id}:${identity.attributeValue}`, 1)) % 3),
				})),
			);
	}
}
