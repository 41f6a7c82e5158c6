/**
 * Builds and packs this repository and installs the tarball the way n8n installs a community
 * package: unpacked into <N8N_USER_FOLDER>/.n8n/nodes/node_modules/<name>, with its dev, peer and
 * optional dependencies removed from its package.json and a dependency entry in nodes/package.json.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';

import { capture, run } from './processes';
import { REPO_ROOT } from './runtime';

export const PACKAGE_NAME = 'n8n-nodes-bigid';

export interface PackedPackage {
	tarball: string;
	version: string;
}

/** Builds and packs the checkout at `root` (this one unless told). */
export async function buildAndPack(root = REPO_ROOT): Promise<PackedPackage> {
	process.stdout.write('[pack] npm run build\n');
	// tsc leaves the output of moved or deleted sources in dist: the package would carry it.
	rmSync(path.join(root, 'dist'), { recursive: true, force: true });
	await run('npm', ['run', '--silent', 'build'], { cwd: root });
	// Not under .cache: git worktrees share it, and one checkout's pack must not replace another's
	// between the packing and the installing.
	const destination = mkdtempSync(path.join(tmpdir(), `${PACKAGE_NAME}-pack-`));
	const [packed] = JSON.parse(
		await capture('npm', ['pack', '--json', '--pack-destination', destination], { cwd: root }),
	) as Array<{ filename: string; version: string; entryCount: number }>;
	const tarball = path.join(destination, packed.filename);
	process.stdout.write(`[pack] ${tarball} (${packed.entryCount} files)\n`);
	return { tarball, version: packed.version };
}

/** The folder n8n loads community packages from, for an N8N_USER_FOLDER. */
export function nodesFolderOf(userFolder: string): string {
	return path.join(userFolder, '.n8n', 'nodes');
}

export async function installPack(userFolder: string, pack: PackedPackage): Promise<string> {
	const nodesFolder = nodesFolderOf(userFolder);
	const packageDir = path.join(nodesFolder, 'node_modules', PACKAGE_NAME);
	rmSync(packageDir, { recursive: true, force: true });
	mkdirSync(packageDir, { recursive: true });
	await run('tar', ['-xzf', pack.tarball, '-C', packageDir, '--strip-components=1']);

	const manifestPath = path.join(packageDir, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
	for (const key of ['devDependencies', 'peerDependencies', 'optionalDependencies']) {
		delete manifest[key];
	}
	writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

	const nodesManifestPath = path.join(nodesFolder, 'package.json');
	let nodesManifest: { name: string; private: boolean; dependencies: Record<string, string> };
	try {
		nodesManifest = JSON.parse(readFileSync(nodesManifestPath, 'utf8'));
	} catch {
		nodesManifest = { name: 'installed-nodes', private: true, dependencies: {} };
	}
	nodesManifest.dependencies = { ...nodesManifest.dependencies, [PACKAGE_NAME]: pack.version };
	writeFileSync(nodesManifestPath, `${JSON.stringify(nodesManifest, null, 2)}\n`);
	return packageDir;
}
