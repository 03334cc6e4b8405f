import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import { attachFile } from './attachFile.operation';
import { create } from './create.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { update } from './update.operation';

export const voucherOperations: Record<string, Operation<never>> = {
	attachFile,
	create,
	get,
	getAll,
	update,
} as unknown as Record<string, Operation<never>>;

export const voucherDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['voucher'] } },
		options: [
			{
				name: 'Attach File',
				value: 'attachFile',
				action: 'Attach a file to a voucher',
				description: 'Upload a PDF, image or XML e-invoice to an existing voucher',
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a voucher',
				description: 'Create a bookkeeping voucher (sales or purchase invoice or credit note)',
			},
			{ name: 'Get', value: 'get', action: 'Get a voucher', description: 'Get a bookkeeping voucher by ID or URL' },
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many vouchers',
				description: 'List bookkeeping vouchers from the voucher list',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a voucher',
				description: 'Change fields of a voucher; its files and all other fields are kept',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...attachFile.description,
];
