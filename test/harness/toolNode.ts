import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { BigId } from '../../nodes/BigId/BigId.node';
import { BIGID_NODE_TYPE, registerNodeType } from './engine';

/** The type of the node's AI tool variant, as n8n names it: the node's type and `Tool`. */
export const BIGID_TOOL_NODE_TYPE = `${BIGID_NODE_TYPE}Tool`;

/**
 * The description n8n serves the tool variant with (n8n's own conversion of a `usableAsTool`
 * node): the same properties and execute, under a name ending in `Tool`, which is all n8n's
 * `@tool` display option looks at. n8n also gives the variant an AI tool output and a tool
 * description parameter; this one keeps the main input and output, so that the engine runs it
 * like any node of a chain.
 */
export function toolDescriptionOf(description: INodeTypeDescription): INodeTypeDescription {
	return {
		...description,
		name: `${description.name}Tool`,
		displayName: `${description.displayName} Tool`,
	};
}

const toolNode: INodeType = new BigId();
toolNode.description = toolDescriptionOf(toolNode.description);
registerNodeType(BIGID_TOOL_NODE_TYPE, toolNode);
