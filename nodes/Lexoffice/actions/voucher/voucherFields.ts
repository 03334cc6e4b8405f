import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readUuid } from '../../helpers/validation';
import { recordLocator } from '../common.descriptions';

/** The voucher locator of the get, update and attach operations. */
export const voucherLocator = (operation: string): INodeProperties => ({
	...recordLocator({
		name: 'voucherId',
		displayName: 'Voucher',
		searchMethod: 'searchVouchers',
		urlSegment: 'vouchers',
		description: 'The bookkeeping voucher, picked from the list, by lexoffice URL or by ID',
	}),
	displayOptions: { show: { resource: ['voucher'], operation: [operation] } },
});

export function readVoucherId(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter('voucherId', itemIndex, '', { extractValue: true });
	return readUuid(context, itemIndex, 'Voucher', value);
}

export const voucherTypeOptions = [
	{ name: 'Purchase Invoice', value: 'purchaseinvoice' },
	{ name: 'Purchase Credit Note', value: 'purchasecreditnote' },
	{ name: 'Sales Invoice', value: 'salesinvoice' },
	{ name: 'Sales Credit Note', value: 'salescreditnote' },
];

const TAX_RATE_OPTIONS = [
	{ name: '19 %', value: 19 },
	{ name: '7 %', value: 7 },
	{ name: '0 %', value: 0 },
	{ name: '16 % (2020)', value: 16 },
	{ name: '5 % (2020)', value: 5 },
];

/** One row per tax rate, as lexoffice books vouchers. */
export const voucherItemsField = (show: Record<string, string[]>, description: string): INodeProperties => ({
	displayName: 'Voucher Items',
	name: 'voucherItems',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Item',
	default: {},
	description,
	displayOptions: { show },
	options: [
		{
			displayName: 'Item',
			name: 'item',
			values: [
				{
					displayName: 'Amount',
					name: 'amount',
					type: 'number',
					typeOptions: { numberPrecision: 2, minValue: 0 },
					default: 0,
					description: 'Gross amount with Tax Type Gross, net amount with Tax Type Net',
				},
				{
					displayName: 'Tax Amount',
					name: 'taxAmount',
					type: 'number',
					typeOptions: { numberPrecision: 2, minValue: 0 },
					default: 0,
				},
				{
					displayName: 'Tax Rate',
					name: 'taxRatePercent',
					type: 'options',
					options: TAX_RATE_OPTIONS,
					default: 19,
				},
				{
					displayName: 'Posting Category Name or ID',
					name: 'categoryId',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getPostingCategories', loadOptionsDependsOn: ['voucherType'] },
					default: '',
					description:
						'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					hint: 'Sales vouchers book on income categories, purchases on outgo categories',
				},
			],
		},
	],
});
