/**
 * `npm run release:check`'s release facts (scripts/release/facts.ts): a release that n8n's
 * reviewers would accept passes, and each thing they would refuse is named with its fix.
 */
import { readFileSync } from 'fs';
import path from 'path';

import { PLACEHOLDERS, releaseProblems, type ReleaseInputs } from '../../scripts/release/facts';

const ROOT = path.resolve(__dirname, '..', '..');
const PUBLISH_WORKFLOW = readFileSync(path.join(ROOT, '.github/workflows/publish.yml'), 'utf8');

const READY: ReleaseInputs = {
	packageJson: {
		name: 'n8n-nodes-bigid',
		version: '1.2.3',
		homepage: 'https://github.com/acme-security/n8n-nodes-bigid#readme',
		bugs: { url: 'https://github.com/acme-security/n8n-nodes-bigid/issues' },
		author: { name: 'Acme Security', email: 'oss@acme.example' },
		repository: { type: 'git', url: 'git+https://github.com/acme-security/n8n-nodes-bigid.git' },
	},
	changelog:
		'# Changelog\n\n## [1.2.3] - 2026-12-02\n\n- Added Tag > Get Many.\n\n## [1.2.2] - 2026-11-01\n\n- Fixed.\n',
	publishWorkflow: PUBLISH_WORKFLOW,
};

const withPackage = (changes: Partial<ReleaseInputs['packageJson']>): ReleaseInputs => ({
	...READY,
	packageJson: { ...READY.packageJson, ...changes },
});

describe('release facts', () => {
	it('a release n8n would accept has no problem, in the tag run in its own repository too', () => {
		expect(releaseProblems(READY)).toEqual([]);
		expect(
			releaseProblems({
				...READY,
				tag: 'v1.2.3',
				githubRepository: 'acme-security/n8n-nodes-bigid',
			}),
		).toEqual([]);
	});

	it.each<[string, ReleaseInputs, RegExp]>([
		[
			'a version that is not semantic',
			withPackage({ version: '1.2' }),
			/must be a semantic version/,
		],
		[
			'a tag that is not the version',
			{ ...READY, tag: 'v1.2.4' },
			/The tag v1\.2\.4 does not match package\.json "version" 1\.2\.3/,
		],
		[
			'no changelog entry',
			{ ...READY, changelog: '# Changelog\n\n## [1.2.2] - 2026-11-01\n\n- Fixed.\n' },
			/CHANGELOG\.md has no entry for 1\.2\.3/,
		],
		[
			'an empty changelog entry',
			{ ...READY, changelog: '## [1.2.3] - 2026-12-02\n\n## [1.2.2] - 2026-11-01\n- x\n' },
			/entry for 1\.2\.3 is empty/,
		],
		[
			'an undated entry in the tag run',
			{ ...READY, tag: 'v1.2.3', changelog: '## [1.2.3] - Unreleased\n\n- Added.\n' },
			/has no release date/,
		],
		[
			'a repository that is not a GitHub git URL',
			withPackage({ repository: 'https://gitlab.com/acme/n8n-nodes-bigid' }),
			/must be git\+https:\/\/github\.com\/<owner>\/<name>\.git/,
		],
		[
			'the repository owner this repository was created with',
			withPackage({
				repository: {
					url: `git+https://github.com/${PLACEHOLDERS.repositoryOwner}/n8n-nodes-bigid.git`,
				},
				homepage: `https://github.com/${PLACEHOLDERS.repositoryOwner}/n8n-nodes-bigid`,
				bugs: undefined,
			}),
			/names the GitHub owner "n8n-nodes-bigid", a placeholder/,
		],
		[
			'a homepage on another repository',
			withPackage({ homepage: 'https://github.com/someone-else/n8n-nodes-bigid' }),
			/"homepage" .* is not on the repository https:\/\/github\.com\/acme-security\/n8n-nodes-bigid/,
		],
		[
			'a bugs URL elsewhere',
			withPackage({ bugs: 'https://example.com/issues' }),
			/"bugs\.url" .* is not on the repository/,
		],
		[
			'a run in another repository than the one package.json names',
			{ ...READY, githubRepository: 'fork-owner/n8n-nodes-bigid' },
			/npm refuses a provenance statement for another repository/,
		],
		[
			'no author name',
			withPackage({ author: { email: 'oss@acme.example' } }),
			/"author\.name" is missing/,
		],
		[
			'the placeholder author name',
			withPackage({ author: { name: PLACEHOLDERS.authorName, email: 'oss@acme.example' } }),
			/"author\.name" is "n8n-nodes-bigid developers", a placeholder/,
		],
		[
			'an author e-mail that is not one',
			withPackage({ author: 'Acme Security <not-an-address>' }),
			/"author\.email" is missing or not an e-mail address/,
		],
		[
			'the placeholder author e-mail',
			withPackage({ author: `Acme Security <${PLACEHOLDERS.authorEmail}>` }),
			/a placeholder that reaches nobody/,
		],
		[
			'a publish workflow without provenance',
			{ ...READY, publishWorkflow: PUBLISH_WORKFLOW.replace(' --provenance', '') },
			/does not run "npm publish --provenance"/,
		],
		[
			'a publish workflow without the OIDC token',
			{ ...READY, publishWorkflow: PUBLISH_WORKFLOW.replace(/id-token: write/g, 'id-token: none') },
			/does not grant "id-token: write"/,
		],
	])('names %s', (_, inputs, problem) => {
		const problems = releaseProblems(inputs);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(problem);
	});

	it("names every placeholder of this repository's own package.json, and nothing else", () => {
		const problems = releaseProblems({
			packageJson: JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')),
			changelog: readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8'),
			publishWorkflow: PUBLISH_WORKFLOW,
		});
		expect(problems).toEqual([
			expect.stringMatching(/"repository\.url" names the GitHub owner "n8n-nodes-bigid"/),
			expect.stringMatching(/"author\.name" is "n8n-nodes-bigid developers", a placeholder/),
			expect.stringMatching(/"author\.email" is maintainers@n8n-nodes-bigid\.dev, a placeholder/),
		]);
	});
});
