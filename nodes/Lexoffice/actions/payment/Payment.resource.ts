import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import { get } from './get.operation';

export const paymentOperations: Record<string, Operation<never>> = { get } as unknown as Record<string, Operation<never>>;

export const paymentDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payment'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get the payment status of a document',
				description: 'Open amount, payment status and payment items of an invoice, credit note or voucher',
			},
		],
		default: 'get',
	},
	...get.description,
];
