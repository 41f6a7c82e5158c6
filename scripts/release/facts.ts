/**
 * What n8n's reviewers check of a release before any code is read (n8n's verification guidelines,
 * "Package source verification"), as one pure function: each rule says what is wrong and how to
 * fix it. `npm run release:check` applies it to package.json, CHANGELOG.md and the publish
 * workflow; the tag run in GitHub Actions adds the tag and the repository it runs in.
 */

export interface PackageJson {
	name?: string;
	version?: string;
	homepage?: string;
	author?: string | { name?: string; email?: string; url?: string };
	repository?: string | { type?: string; url?: string };
	bugs?: string | { url?: string };
}

export interface ReleaseInputs {
	packageJson: PackageJson;
	changelog: string;
	publishWorkflow: string;
	/** The pushed tag (`v1.2.3`), in the publish run. */
	tag?: string;
	/** `owner/name` of the repository the run is in (GitHub's `GITHUB_REPOSITORY`). */
	githubRepository?: string;
}

/**
 * The values this repository was created with, which name no real GitHub organisation or
 * mailbox: the maintainers replace them with their own before the first release.
 */
export const PLACEHOLDERS = {
	repositoryOwner: 'n8n-nodes-bigid',
	authorEmail: 'maintainers@n8n-nodes-bigid.dev',
	authorName: 'n8n-nodes-bigid developers',
};

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
/** The form npm's provenance statement and n8n's scanner read the repository in. */
const GITHUB_REPOSITORY_URL =
	/^(?:git\+)?https:\/\/github\.com\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)\.git$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const urlOf = (field: string | { url?: string } | undefined) =>
	typeof field === 'string' ? field : field?.url;

function authorOf(author: PackageJson['author']) {
	if (typeof author !== 'string') return author ?? {};
	const match = /^([^<(]*?)\s*(?:<([^>]+)>)?\s*(?:\(([^)]+)\))?$/.exec(author);
	return { name: match?.[1], email: match?.[2], url: match?.[3] };
}

/** A changelog heading for the version: `## [1.2.3] - 2026-12-02` (Keep a Changelog). */
function changelogEntryOf(changelog: string, version: string) {
	const escaped = version.replace(/[.+-]/g, '\\$&');
	const heading = new RegExp(`^## \\[${escaped}\\](.*)$`, 'm').exec(changelog);
	if (!heading) return undefined;
	const start = heading.index + heading[0].length;
	const next = changelog.slice(start).search(/^## /m);
	const body = changelog.slice(start, next === -1 ? undefined : start + next).trim();
	return { dated: /^\s*-\s*\d{4}-\d{2}-\d{2}\s*$/.test(heading[1]), body };
}

export function releaseProblems(inputs: ReleaseInputs): string[] {
	const { packageJson, changelog, publishWorkflow, tag, githubRepository } = inputs;
	const problems: string[] = [];
	const version = packageJson.version ?? '';

	if (!SEMVER.test(version)) {
		problems.push(
			`package.json "version" is "${version}": it must be a semantic version (1.2.3), which npm and n8n's update check compare.`,
		);
	}
	if (tag !== undefined && tag !== `v${version}`) {
		problems.push(
			`The tag ${tag} does not match package.json "version" ${version}: tag v${version}, or set the version first (npm version ${tag.replace(/^v/, '')}).`,
		);
	}

	const entry = SEMVER.test(version) ? changelogEntryOf(changelog, version) : undefined;
	if (SEMVER.test(version) && !entry) {
		problems.push(
			`CHANGELOG.md has no entry for ${version}: add "## [${version}] - YYYY-MM-DD" with what changed for users.`,
		);
	} else if (entry) {
		if (!entry.body)
			problems.push(`CHANGELOG.md's entry for ${version} is empty: say what changed.`);
		if (tag !== undefined && !entry.dated) {
			problems.push(
				`CHANGELOG.md's entry for ${version} has no release date: write "## [${version}] - YYYY-MM-DD" before tagging.`,
			);
		}
	}

	const repositoryUrl = urlOf(packageJson.repository) ?? '';
	const repository = GITHUB_REPOSITORY_URL.exec(repositoryUrl);
	if (!repository) {
		problems.push(
			`package.json "repository.url" is "${repositoryUrl}": it must be git+https://github.com/<owner>/<name>.git, the public repository npm's provenance statement names and n8n fetches the source from.`,
		);
	} else {
		const [, owner, name] = repository;
		const home = `https://github.com/${owner}/${name}`;
		if (owner === PLACEHOLDERS.repositoryOwner) {
			problems.push(
				`package.json "repository.url" names the GitHub owner "${owner}", a placeholder this repository was created with: set the owner of the public repository the package is published from (and "homepage" and "bugs.url" with it).`,
			);
		}
		if (packageJson.homepage !== undefined && !packageJson.homepage.startsWith(home)) {
			problems.push(
				`package.json "homepage" (${packageJson.homepage}) is not on the repository ${home}: n8n's reviewers compare them.`,
			);
		}
		const bugs = urlOf(packageJson.bugs);
		if (bugs !== undefined && !bugs.startsWith(home)) {
			problems.push(`package.json "bugs.url" (${bugs}) is not on the repository ${home}.`);
		}
		if (githubRepository !== undefined && githubRepository !== `${owner}/${name}`) {
			problems.push(
				`This run is in the repository ${githubRepository}, and package.json names ${owner}/${name}: npm refuses a provenance statement for another repository, so make them the same.`,
			);
		}
	}

	const author = authorOf(packageJson.author);
	if (!author.name?.trim()) {
		problems.push(
			'package.json "author.name" is missing: name the maintainer (a person or organisation) as on npm.',
		);
	} else if (author.name === PLACEHOLDERS.authorName) {
		problems.push(
			`package.json "author.name" is "${author.name}", a placeholder: name the maintainer as their npm account shows them (n8n compares the author on npm and in the repository).`,
		);
	}
	if (!author.email || !EMAIL.test(author.email)) {
		problems.push(
			'package.json "author.email" is missing or not an e-mail address: give one that reaches the maintainers.',
		);
	} else if (author.email === PLACEHOLDERS.authorEmail) {
		problems.push(
			`package.json "author.email" is ${author.email}, a placeholder that reaches nobody: give the maintainers' address.`,
		);
	}

	if (!/npm publish[^\n]*--provenance/.test(publishWorkflow)) {
		problems.push(
			'.github/workflows/publish.yml does not run "npm publish --provenance": n8n\'s scanner refuses a version without a provenance statement.',
		);
	}
	if (!/id-token:\s*write/.test(publishWorkflow)) {
		problems.push(
			'.github/workflows/publish.yml does not grant "id-token: write": npm cannot sign the provenance statement without it.',
		);
	}
	return problems;
}
