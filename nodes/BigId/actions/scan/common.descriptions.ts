import type { INodeProperties } from 'n8n-workflow';

export const scanIdProperty: INodeProperties = {
	displayName: 'Scan ID',
	name: 'scanId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 64f7df00cc834f0001a44e85',
	description:
		'ID of the scan: the scanId that Start returns, or an ID from Get Many Parent Scans (a parent or one of its childScanIds)',
};
