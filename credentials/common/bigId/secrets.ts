import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

const SECRET_FIELDS = ['password', 'apiToken', 'sessionToken'] as const;

export function secretsOf(credentials: ICredentialDataDecryptedObject): string[] {
	return SECRET_FIELDS.map((field) => credentials[field])
		.filter((value): value is string => typeof value === 'string' && value.length >= 4)
		.sort((a, b) => b.length - a.length);
}

/** BigID or a proxy may echo a request back in an error; a secret must never travel further. */
export function redactSecrets(text: string, secrets: string[]): string {
	let redacted = text;
	for (const secret of secrets) {
		redacted = redacted.split(secret).join('[redacted]');
	}
	return redacted;
}
