/**
 * The sandbox's virtual clock: wall time plus whatever tests advanced it by. Every timestamp the
 * sandbox writes comes from here, so moving it finishes scans and expires tokens instantly.
 */
export class SandboxClock {
	private offsetMs = 0;
	private lastStampMs = 0;
	private readonly advanceListeners: Array<() => void> = [];

	/** Never behind the last write stamp, so a scan finished "now" is finished when read. */
	now(): number {
		return Math.max(Date.now() + this.offsetMs, this.lastStampMs);
	}

	/** A write timestamp: strictly increasing, so two changes never share an updatedAt. */
	stamp(): number {
		this.lastStampMs = Math.max(this.now(), this.lastStampMs + 1);
		return this.lastStampMs;
	}

	/**
	 * Moves the clock ms past what now() says, not past wall time plus the offset: write stamps can
	 * run ahead of wall time, and a scan stamped there must still be ms older after the move.
	 */
	advance(ms: number): void {
		if (!(ms >= 0)) throw new Error('advanceClock only moves the clock forward');
		this.offsetMs = this.now() + ms - Date.now();
		for (const listener of this.advanceListeners) listener();
	}

	/** For models whose data follows the clock (running scans). */
	onAdvance(listener: () => void): void {
		this.advanceListeners.push(listener);
	}
}

/** Seeded data is dated in 2023 so it is always in the past and never depends on the wall clock. */
export const SEED_EPOCH_MS = Date.UTC(2023, 0, 1);
export const SEEDED_HISTORY_SPAN_MS = 365 * 24 * 3600 * 1000;
export const DAY_MS = 24 * 3600 * 1000;

export const iso = (ms: number) => new Date(ms).toISOString();
