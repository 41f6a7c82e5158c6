import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

export interface Certificate {
	key: string;
	cert: string;
}

/** A self-signed certificate for 127.0.0.1, as an on-prem BigID often has (made with openssl). */
export function selfSignedCertificate(): Certificate {
	const directory = mkdtempSync(join(tmpdir(), 'bigid-tls-'));
	try {
		const key = join(directory, 'key.pem');
		const cert = join(directory, 'cert.pem');
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'rsa:2048',
				'-nodes',
				'-subj',
				'/CN=127.0.0.1',
				'-days',
				'1',
				'-keyout',
				key,
				'-out',
				cert,
			],
			{ stdio: 'ignore' },
		);
		return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
	} finally {
		rmSync(directory, { recursive: true, force: true });
	}
}
