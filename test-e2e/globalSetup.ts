/**
 * Runs once before the e2e files, which then run side by side: every n8n version under test is
 * installed and the package is built and packed here, so no two files install the same n8n or
 * rebuild `dist/` at the same time.
 */
import { mkdirSync, writeFileSync } from 'fs';
import path from 'path';

import { buildAndPack } from '../scripts/n8n/pack';
import { ensureN8n } from '../scripts/n8n/runtime';
import { e2eVersions, PACK_RECORD } from './support';

export default async function globalSetup(): Promise<void> {
	for (const version of e2eVersions) await ensureN8n(version);
	const pack = await buildAndPack();
	mkdirSync(path.dirname(PACK_RECORD), { recursive: true });
	writeFileSync(PACK_RECORD, JSON.stringify(pack));
}
