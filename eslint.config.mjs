// The same rules n8n's community-package scanner enforces (see scripts/verify.mjs), applied while developing.
import { buildScanConfig } from '@n8n/scan-community-package/scanner/scanner.mjs';

export default [
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'test/**',
			'sandbox/**',
			'bench/**',
			'scripts/**',
			'.cache/**',
		],
	},
	...(await buildScanConfig()),
];
