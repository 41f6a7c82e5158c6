/**
 * Seeded randomness, so that the same seed always yields the same data, ids and fault sequence:
 * a failing test can be replayed exactly.
 */
export interface SeededRandom {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [min, max], both inclusive. */
	integer(min: number, max: number): number;
	pick<T>(items: readonly T[]): T;
	chance(probability: number): boolean;
}

/** mulberry32: tiny, fast and good enough for test data. */
export function createSeededRandom(seed: number): SeededRandom {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let mixed = state;
		mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
		mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
		return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		integer: (min, max) => min + Math.floor(next() * (max - min + 1)),
		pick: (items) => items[Math.floor(next() * items.length)],
		chance: (probability) => next() < probability,
	};
}

const OBJECT_ID_PATTERN = /^[0-9a-f]{24}$/i;

export function isObjectId(value: string): boolean {
	return OBJECT_ID_PATTERN.test(value);
}

/**
 * MongoDB ObjectIds are timestamp + machine + counter. The timestamp part is pinned to a fixed
 * epoch (not the wall clock) so ids depend only on the seed and the order of creation, and sort
 * in creation order like real ones.
 */
export class ObjectIdFactory {
	private readonly prefix: string;
	private counter = 0;

	constructor(random: SeededRandom, epochSeconds: number) {
		const machine = Array.from({ length: 10 }, () => random.integer(0, 15).toString(16)).join('');
		this.prefix = epochSeconds.toString(16).padStart(8, '0') + machine;
	}

	next(): string {
		this.counter += 1;
		return this.prefix + this.counter.toString(16).padStart(6, '0');
	}
}
