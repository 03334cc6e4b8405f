import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import { create } from './create.operation';
import { download } from './download.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';

export const invoiceOperations: Record<string, Operation<never>> = {
	create,
	download,
	get,
	getAll,
} as unknown as Record<string, Operation<never>>;

export const invoiceDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invoice'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an invoice',
				description: 'Create a draft or finalized invoice',
			},
			{
				name: 'Download',
				value: 'download',
				action: 'Download an invoice',
				description: 'Download the PDF or XRechnung XML of a finalized invoice',
			},
			{ name: 'Get', value: 'get', action: 'Get an invoice', description: 'Get an invoice by ID or URL' },
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many invoices',
				description: 'List invoices, optionally filtered, beyond lexoffice’s 10,000-entry limit',
			},
		],
		default: 'create',
	},
	...create.description,
	...download.description,
	...get.description,
	...getAll.description,
];
