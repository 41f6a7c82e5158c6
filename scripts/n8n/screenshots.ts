/**
 * `npm run screenshots`: the README's pictures of the BigID nodes in the n8n editor, with live
 * dropdowns filled from the BigID sandbox, taken by Debian's chromium (apt-get install chromium;
 * CHROMIUM_PATH for another) through playwright-core from the demo `npm start` runs.
 * Writes docs/images/*.png.
 */
import { mkdirSync } from 'fs';
import path from 'path';
import { chromium, type Locator, type Page } from 'playwright-core';

import { startDemo } from './demo';
import { DEFAULT_OWNER } from './instance';
import { DEFAULT_N8N_VERSION, REPO_ROOT } from './runtime';

const IMAGES_DIR = path.join(REPO_ROOT, 'docs', 'images');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SETTLE_MS = 1000;

class Editor {
	constructor(
		private readonly page: Page,
		private readonly url: string,
	) {}

	async signIn(): Promise<void> {
		await this.page.goto(`${this.url}/signin`);
		await this.page.locator('input[type="email"]').first().fill(DEFAULT_OWNER.email);
		await this.page.locator('input[type="password"]').first().fill(DEFAULT_OWNER.password);
		await this.page.keyboard.press('Enter');
		await this.page.waitForURL((target) => !target.pathname.includes('signin'));
	}

	async openWorkflow(id: string): Promise<void> {
		await this.page.goto(`${this.url}/workflow/${id}`);
		await this.page.locator('[data-test-id="canvas-node"]').first().waitFor();
		await this.page.waitForTimeout(SETTLE_MS);
	}

	async openNode(name: string): Promise<void> {
		await this.page
			.locator('[data-test-id="canvas-node"]')
			.filter({ hasText: name })
			.first()
			.dblclick();
		await this.page.locator('[data-test-id="node-parameters"]').waitFor();
		await this.page.waitForTimeout(SETTLE_MS);
	}

	/** A parameter set by an expression in the example, switched to a fixed value to show its dropdown. */
	async useFixedValue(parameter: Locator): Promise<void> {
		const item = this.page.locator('[data-test-id="parameter-item"]').filter({ has: parameter });
		await item.scrollIntoViewIfNeeded();
		await item.hover();
		await item.getByText('Fixed', { exact: true }).click();
		await this.page.waitForTimeout(SETTLE_MS / 2);
	}

	async shoot(name: string): Promise<void> {
		// "Executed successfully" toasts would cover the corner of the picture.
		for (const close of await this.page.locator('.el-notification__closeBtn').all()) {
			await close.click().catch(() => undefined);
		}
		await this.page.waitForTimeout(SETTLE_MS);
		await this.page.screenshot({ path: path.join(IMAGES_DIR, `${name}.png`) });
		console.log(`[screenshots] docs/images/${name}.png`);
	}
}

async function takeScreenshots(editor: Editor, page: Page): Promise<void> {
	await editor.signIn();

	await editor.openWorkflow('BigIdExample0001');
	await page.locator('[data-test-id="execute-workflow-button"]').click();
	await page
		.locator('[data-test-id="canvas-node"]')
		.filter({ hasText: 'Report Status' })
		.locator('[data-test-id="canvas-node-status-success"]')
		.waitFor({ timeout: 60_000 });
	await editor.shoot('workflow-scan-profile-tutorial');

	await editor.openNode('Create Scan Profile');
	const dataSources = page.locator('[data-test-id="parameter-input-dataSourceIds"]');
	await editor.useFixedValue(dataSources);
	await dataSources.click();
	await page.getByText('marketing-db-1').first().waitFor();
	await editor.shoot('node-scan-profile-data-sources');

	await editor.openWorkflow('BigIdExample0002');
	await editor.openNode('Create User');
	const role = page.locator('[data-test-id="resource-locator-role"]');
	await editor.useFixedValue(role);
	await role.locator('[data-test-id="rlc-mode-selector"]').click();
	await page.locator('[data-test-id="mode-list"]').click();
	await role.locator('[data-test-id="rlc-input-container"]').click();
	await page.getByText('Data Steward').first().waitFor();
	await editor.shoot('node-user-roles');

	await editor.openWorkflow('BigIdExample0005');
	await editor.openNode('BigID Trigger');
	await page.locator('[data-test-id="parameter-input-events"]').click();
	await page.getByText('User Role Changed').first().waitFor();
	await editor.shoot('trigger-events');
	await page.keyboard.press('Escape');
	await page.getByRole('button', { name: 'Fetch Test Event' }).first().click();
	await page.getByText('scanFinished').first().waitFor({ timeout: 30_000 });
	await page.getByText('JSON', { exact: true }).first().click();
	await editor.shoot('trigger-test-event');

	await editor.openWorkflow('BigIdExample0004');
	await page.locator('[data-test-id="node-creator-plus-button"]').click();
	await page.keyboard.type('BigID');
	await page.getByText('BigID', { exact: true }).first().click();
	await page.getByText('Wait for a scan to complete').first().waitFor();
	await editor.shoot('nodes-panel');

	await editor.openWorkflow('BigIdExample0006');
	await editor.shoot('workflow-ai-agent');

	await editor.openWorkflow('BigIdExample0007');
	await editor.shoot('workflow-case-to-ticket');

	await editor.openWorkflow('BigIdExample0012');
	await editor.openNode('Find Tag Value');
	await editor.shoot('node-http-request-bigid-credential');
}

async function main(): Promise<void> {
	const demo = await startDemo({
		n8nVersion: DEFAULT_N8N_VERSION,
		folderName: 'screenshots',
		fresh: true,
	});
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
		],
	});
	try {
		mkdirSync(IMAGES_DIR, { recursive: true });
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		await takeScreenshots(new Editor(page, demo.instance.url), page);
	} finally {
		await browser.close();
		await demo.stop();
	}
}

main().catch((error: Error) => {
	console.error(error.stack ?? error.message);
	process.exit(1);
});
