/**
 * n8n's UI copy rules on every parameter the nodes and the credential show: display names and
 * option names in Title Case, actions in sentence case, placeholders starting "e.g. ", boolean
 * descriptions starting "Whether". Notices are sentences, not names, and are left out.
 */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';
import { titleCase } from 'title-case';

import { BigIdApi } from '../../credentials/BigIdApi.credentials';
import { BigId } from '../../nodes/BigId/BigId.node';
import { BigIdTrigger } from '../../nodes/BigId/BigIdTrigger.node';

type Option = INodeProperties | INodePropertyOptions | INodePropertyCollection;

/** Words of an action that keep their capitals: product names and acronyms. */
const PROPER_WORD = /^(BigID|DSPM|DSAR|SAML|ID|IDs)$/;

function copyProblems(properties: INodeProperties[], where: string): string[] {
	const problems: string[] = [];
	for (const property of properties) {
		const at = `${where} > ${property.name}`;
		if (property.type !== 'notice' && titleCase(property.displayName) !== property.displayName) {
			problems.push(`${at}: display name "${property.displayName}" is not Title Case`);
		}
		if (typeof property.placeholder === 'string' && property.type !== 'collection') {
			if (property.type !== 'fixedCollection' && !property.placeholder.startsWith('e.g. ')) {
				problems.push(`${at}: placeholder "${property.placeholder}" does not start with "e.g. "`);
			}
		}
		if (property.type === 'boolean' && property.description !== undefined) {
			if (!property.description.startsWith('Whether')) {
				problems.push(`${at}: boolean description does not start with "Whether"`);
			}
		}
		for (const mode of property.modes ?? []) {
			if (mode.placeholder !== undefined && !mode.placeholder.startsWith('e.g. ')) {
				problems.push(`${at} (${mode.name}): placeholder "${mode.placeholder}"`);
			}
		}
		for (const option of (property.options ?? []) as Option[]) {
			if ('type' in option) {
				problems.push(...copyProblems([option], at));
			} else if ('values' in option) {
				problems.push(...copyProblems(option.values, `${at} > ${option.name}`));
			} else {
				if (titleCase(option.name) !== option.name) {
					problems.push(`${at}: option "${option.name}" is not Title Case`);
				}
				const action = option.action;
				if (action !== undefined) {
					const [first, ...rest] = action.split(' ');
					const capitalised = rest.filter((word) => /^[A-Z]/.test(word) && !PROPER_WORD.test(word));
					if (first[0] !== first[0].toUpperCase() || capitalised.length > 0) {
						problems.push(`${at}: action "${action}" is not sentence case`);
					}
				}
			}
		}
	}
	return problems;
}

it.each([
	['the BigID node', () => new BigId().description.properties],
	['the BigID Trigger node', () => new BigIdTrigger().description.properties],
	['the BigID API credential', () => new BigIdApi().properties],
])('%s follows n8n’s copy rules', (where, properties) => {
	expect(copyProblems(properties(), where)).toEqual([]);
});
