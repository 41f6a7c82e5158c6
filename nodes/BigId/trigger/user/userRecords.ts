import type { IDataObject } from 'n8n-workflow';

import { flagOf, isObjectId } from '../../model/object';
import { userFieldValue, userIdOf } from '../../model/user';
import { fnv1a64Low } from '../fingerprint';

/**
 * What the trigger remembers of a user between polls: not the user, but a fingerprint of each
 * field that matters, so 10,000 users cost ~390 KB of static data and a login (which only moves
 * `updatedAt`) changes nothing.
 *
 * Binary layout of one record, all records sorted by id and base64-encoded as one string:
 * - 1 header byte: bits 0–1 the enabled flag (0 absent, 1 false, 2 true), bit 2 set when the
 *   id is a lowercase MongoDB ObjectId stored as its 12 bytes; otherwise one length byte and
 *   the id in UTF-8 follow;
 * - 16 bytes: one 21-bit hash per field of HASHED_USER_FIELDS.
 * An ObjectId user takes 29 bytes, 39 characters of base64.
 */
export const HASHED_USER_FIELDS = [
	'name',
	'email',
	'firstName',
	'lastName',
	'role',
	'origin',
] as const;
export type HashedUserField = (typeof HASHED_USER_FIELDS)[number];
export type UserField = HashedUserField | 'isEnabled';
export const USER_FIELDS: readonly UserField[] = [...HASHED_USER_FIELDS, 'isEnabled'];

/** Free text: a hash cannot give its old value back, the previous-values store can. */
export const TEXT_USER_FIELDS = ['name', 'email', 'firstName', 'lastName'] as const;
export type TextUserField = (typeof TEXT_USER_FIELDS)[number];

export const ENABLED_ABSENT = 0;
export const ENABLED_FALSE = 1;
export const ENABLED_TRUE = 2;
export type EnabledFlag = typeof ENABLED_ABSENT | typeof ENABLED_FALSE | typeof ENABLED_TRUE;

export interface UserRecord {
	id: string;
	enabled: EnabledFlag;
	/** One 21-bit hash per field, in HASHED_USER_FIELDS order. */
	hashes: number[];
}

const FORMAT_VERSION = 1;
const HASH_BITS = 21;
const HASH_MASK = (1 << HASH_BITS) - 1;
const HASH_BYTES = 16;
const OBJECT_ID_FLAG = 0b100;
const ENABLED_MASK = 0b11;
const MAX_RAW_ID_BYTES = 255;
const ABSENT = '\u0001absent';

function canonicalPart(value: unknown): string {
	if (value === null || value === undefined) return ABSENT;
	if (typeof value === 'object' && !Array.isArray(value)) {
		const object = value as IDataObject;
		const named = object.name ?? object._id ?? object.id;
		if (typeof named === 'string' || typeof named === 'number') return String(named);
		return JSON.stringify(
			Object.keys(object)
				.sort()
				.map((key) => [key, object[key]]),
		);
	}
	return String(value);
}

/** Role lists compare as sets, and `['Admin']` equals `'Admin'`: only a real change counts. */
export function canonicalFieldValue(value: unknown): string {
	if (Array.isArray(value)) return value.map(canonicalPart).sort().join('\u0002');
	return canonicalPart(value);
}

export function fieldHash(value: unknown): number {
	return fnv1a64Low(canonicalFieldValue(value)) & HASH_MASK;
}

export function enabledFlagOf(value: unknown): EnabledFlag {
	const flag = flagOf(value);
	return flag === undefined ? ENABLED_ABSENT : flag ? ENABLED_TRUE : ENABLED_FALSE;
}

export function enabledValueOf(flag: EnabledFlag): boolean | null {
	return flag === ENABLED_ABSENT ? null : flag === ENABLED_TRUE;
}

export function recordOf(user: IDataObject): UserRecord | undefined {
	const id = userIdOf(user);
	if (id === undefined) return undefined;
	return {
		id,
		enabled: enabledFlagOf(userFieldValue(user, 'isEnabled')),
		hashes: HASHED_USER_FIELDS.map((field) => fieldHash(userFieldValue(user, field))),
	};
}

/** Equal records mean no field that matters changed; part of every user event's id. */
export function recordKey(record: UserRecord): string {
	return `${record.enabled}.${record.hashes.join('.')}`;
}

export function sameRecord(left: UserRecord, right: UserRecord): boolean {
	return (
		left.enabled === right.enabled &&
		left.hashes.every((hash, index) => hash === right.hashes[index])
	);
}

function writeHashes(target: Buffer, offset: number, hashes: number[]): void {
	target.fill(0, offset, offset + HASH_BYTES);
	hashes.forEach((hash, index) => {
		for (let bit = 0; bit < HASH_BITS; bit++) {
			if ((hash >>> bit) & 1) {
				const position = index * HASH_BITS + bit;
				target[offset + (position >> 3)] |= 1 << (position & 7);
			}
		}
	});
}

function readHashes(source: Buffer, offset: number): number[] {
	return HASHED_USER_FIELDS.map((_, index) => {
		let hash = 0;
		for (let bit = 0; bit < HASH_BITS; bit++) {
			const position = index * HASH_BITS + bit;
			if ((source[offset + (position >> 3)] >> (position & 7)) & 1) hash |= 1 << bit;
		}
		return hash;
	});
}

function encodeRecord(record: UserRecord): Buffer {
	let idBytes: Buffer;
	let header: number = record.enabled;
	// Stored as its 12 bytes and read back in lower case: only a lowercase ID round-trips.
	if (isObjectId(record.id) && record.id === record.id.toLowerCase()) {
		header |= OBJECT_ID_FLAG;
		idBytes = Buffer.from(record.id, 'hex');
	} else {
		const raw = Buffer.from(record.id, 'utf8');
		if (raw.length > MAX_RAW_ID_BYTES) {
			throw new Error(
				`User ID ${record.id.slice(0, 40)}… is longer than ${MAX_RAW_ID_BYTES} bytes`,
			);
		}
		idBytes = Buffer.concat([Buffer.from([raw.length]), raw]);
	}
	const encoded = Buffer.alloc(1 + idBytes.length + HASH_BYTES);
	encoded[0] = header;
	idBytes.copy(encoded, 1);
	writeHashes(encoded, 1 + idBytes.length, record.hashes);
	return encoded;
}

/** Sorted by id, so the same users always encode to the same string. */
export function encodeUserRecords(records: Iterable<UserRecord>): string {
	const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	return Buffer.concat([Buffer.from([FORMAT_VERSION]), ...sorted.map(encodeRecord)]).toString(
		'base64',
	);
}

/**
 * The records a poll saved are the records the next poll reads: the last decoding is kept, so a
 * poll of 10,000 users does not decode them again. Callers never change the map.
 */
let lastDecoded: { encoded: string; records: ReadonlyMap<string, UserRecord> } | undefined;

export function decodeUserRecords(encoded: string): ReadonlyMap<string, UserRecord> {
	if (lastDecoded?.encoded === encoded) return lastDecoded.records;
	const records = decodeAll(encoded);
	lastDecoded = { encoded, records };
	return records;
}

function decodeAll(encoded: string): Map<string, UserRecord> {
	const bytes = Buffer.from(encoded, 'base64');
	if (bytes[0] !== FORMAT_VERSION) {
		throw new Error(`Unknown user state format ${bytes[0]}`);
	}
	const records = new Map<string, UserRecord>();
	let offset = 1;
	while (offset < bytes.length) {
		const header = bytes[offset++];
		let id: string;
		if (header & OBJECT_ID_FLAG) {
			id = bytes.toString('hex', offset, offset + 12);
			offset += 12;
		} else {
			const length = bytes[offset++];
			id = bytes.toString('utf8', offset, offset + length);
			offset += length;
		}
		records.set(id, {
			id,
			enabled: (header & ENABLED_MASK) as EnabledFlag,
			hashes: readHashes(bytes, offset),
		});
		offset += HASH_BYTES;
	}
	return records;
}
