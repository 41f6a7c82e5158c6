import { fnv1a64, fnv1a64Low, hashId } from '../../nodes/BigId/trigger/fingerprint';

describe('fnv1a64', () => {
	/** The same hash with BigInt, byte by byte, as the FNV reference describes it. */
	function reference(text: string): bigint {
		let hash = 0xcbf29ce484222325n;
		for (let index = 0; index < text.length; index++) {
			const unit = text.charCodeAt(index);
			for (const byte of [unit >>> 8, unit & 0xff]) {
				hash ^= BigInt(byte);
				hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
			}
		}
		return hash;
	}

	it.each(['', 'a', 'jdoe@example.com', 'Ünïcödé ✓ 🚀', 'x'.repeat(1000)])(
		'matches a BigInt FNV-1a 64 for %p',
		(text) => {
			const { high, low } = fnv1a64(text);
			expect((BigInt(high) << 32n) | BigInt(low)).toBe(reference(text));
		},
	);

	it('gives the same low 32 bits through the 32-bit shortcut, for every kind of character', () => {
		const texts = ['', 'a', 'jdoe@example.com', 'Ünïcödé ✓ 🚀', '\u0001absent', 'x'.repeat(1000)];
		for (let seed = 1; seed <= 2000; seed++) {
			const codes = Array.from(
				{ length: seed % 37 },
				(_, index) => (seed * 7919 + index * 104729) % 65536,
			);
			texts.push(String.fromCharCode(...codes));
		}
		for (const text of texts) expect(fnv1a64Low(text)).toBe(fnv1a64(text).low);
	});

	it('gives 11-character URL-safe ids that depend on every part and their boundaries', () => {
		const id = hashId(['userUpdated', 'abc', '1.2.3']);
		expect(id).toMatch(/^[A-Za-z0-9_-]{11}$/);
		expect(hashId(['ab', 'c'])).not.toBe(hashId(['a', 'bc']));
	});
});
