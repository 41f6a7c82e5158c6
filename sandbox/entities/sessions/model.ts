import { createHmac, randomBytes } from 'crypto';

export type AuthHeaderFormat = 'raw' | 'bearer' | 'either';

export type AuthFailure = 'missing' | 'wrong-format' | 'unknown' | 'expired' | 'used-up';
export type AuthResult = { ok: true; subject: string } | { ok: false; failure: AuthFailure };

export interface TokenSettings {
	ttlMs: number;
	maxUses: number;
	authHeader: AuthHeaderFormat;
	/** The store's virtual clock, so advancing it expires tokens too. */
	now: () => number;
}

interface IssuedToken {
	subject: string;
	expiresAtMs: number;
	uses: number;
}

const BEARER_PREFIX = /^Bearer\s+/i;

const base64Url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** Session and system tokens: JWT-shaped (clients read `exp`), but only valid while registered. */
export class TokenRegistry {
	private readonly secret = randomBytes(32);
	private readonly tokens = new Map<string, IssuedToken>();
	private issuedCount = 0;
	/** Every token ever issued, revoked ones too: what a secret scan looks for. */
	readonly issued: string[] = [];

	constructor(private readonly settings: TokenSettings) {}

	/**
	 * The token carried by an Authorization header in the accepted format. In raw mode a
	 * `Bearer x` header is taken whole, so it is simply not a token, as on real servers.
	 */
	extractToken(header: string | undefined): { token?: string; failure?: AuthFailure } {
		if (!header) return { failure: 'missing' };
		const hasBearerPrefix = BEARER_PREFIX.test(header);
		if (hasBearerPrefix && this.settings.authHeader === 'raw') return { failure: 'wrong-format' };
		if (!hasBearerPrefix && this.settings.authHeader === 'bearer') {
			return { failure: 'wrong-format' };
		}
		return { token: header.replace(BEARER_PREFIX, '').trim() };
	}

	issue(subject: string, kind: 'session' | 'system'): string {
		this.issuedCount += 1;
		const issuedAtMs = this.settings.now();
		const expiresAtMs = issuedAtMs + this.settings.ttlMs;
		const header = base64Url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
		const payload = base64Url(
			JSON.stringify({
				sub: subject,
				kind,
				iat: Math.floor(issuedAtMs / 1000),
				exp: Math.floor(expiresAtMs / 1000),
				jti: `${this.issuedCount}-${randomBytes(6).toString('hex')}`,
			}),
		);
		const signature = base64Url(
			createHmac('sha256', this.secret).update(`${header}.${payload}`).digest(),
		);
		const token = `${header}.${payload}.${signature}`;
		this.tokens.set(token, { subject, expiresAtMs, uses: 0 });
		this.issued.push(token);
		return token;
	}

	/** Checks the header and, when valid, spends one of the token's uses. */
	authenticate(header: string | undefined): AuthResult {
		const { token, failure } = this.extractToken(header);
		if (token === undefined) return { ok: false, failure: failure ?? 'missing' };
		const issued = this.tokens.get(token);
		if (!issued) return { ok: false, failure: 'unknown' };
		if (this.settings.now() >= issued.expiresAtMs) {
			this.tokens.delete(token);
			return { ok: false, failure: 'expired' };
		}
		if (issued.uses >= this.settings.maxUses) return { ok: false, failure: 'used-up' };
		issued.uses += 1;
		return { ok: true, subject: issued.subject };
	}

	revokeAll(): void {
		this.tokens.clear();
	}
}
