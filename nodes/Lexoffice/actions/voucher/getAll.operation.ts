import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listVouchers } from '../../helpers/invoiceList';
import { toLexofficeDate } from '../../domain/dates';
import { VOUCHER_TYPES } from '../../helpers/voucherBody';
import { inputError, readListLimit, readText, readUuid } from '../../helpers/validation';
import { returnAllAndLimit } from '../common.descriptions';
import type { Operation } from '../types';
import { voucherTypeOptions } from './voucherFields';

const show = { resource: ['voucher'], operation: ['getAll'] };

const STATUSES = ['open', 'paid', 'paidoff', 'voided', 'transferred', 'sepadebit', 'unchecked'] as const;

const description: INodeProperties[] = [
	...returnAllAndLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Contact ID',
				name: 'contactId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'multiOptions',
				options: [
					{ name: 'Open', value: 'open' },
					{ name: 'Paid', value: 'paid' },
					{ name: 'Paid Off', value: 'paidoff' },
					{ name: 'SEPA Debit', value: 'sepadebit' },
					{ name: 'Transferred', value: 'transferred' },
					{ name: 'Unchecked', value: 'unchecked', description: 'Uploaded receipts waiting in “Zu prüfen”' },
					{ name: 'Voided', value: 'voided' },
				],
				default: [],
				description: 'Leave empty for any status',
			},
			{
				displayName: 'Voucher Date From',
				name: 'voucherDateFrom',
				type: 'dateTime',
				default: '',
				description: 'On or after this day',
			},
			{
				displayName: 'Voucher Date To',
				name: 'voucherDateTo',
				type: 'dateTime',
				default: '',
				description: 'On or before this day',
			},
			{ displayName: 'Voucher Number', name: 'voucherNumber', type: 'string', default: '' },
			{
				displayName: 'Voucher Types',
				name: 'voucherTypes',
				type: 'multiOptions',
				options: voucherTypeOptions,
				default: [],
				description: 'Leave empty for all four bookkeeping voucher types',
			},
		],
	},
];

function readChoices(
	context: IExecuteFunctions,
	itemIndex: number,
	label: string,
	value: unknown,
	allowed: readonly string[],
): string[] {
	const list = value === undefined || value === null || value === '' ? [] : Array.isArray(value) ? value : String(value).split(',');
	const result: string[] = [];
	for (const entry of list) {
		const choice = String(entry).trim().toLowerCase();
		if (!choice) continue;
		if (!allowed.includes(choice)) throw inputError(context, itemIndex, label, `contains "${choice}"; use ${allowed.join(', ')}`);
		if (!result.includes(choice)) result.push(choice);
	}
	return result;
}

interface PreparedGetAll {
	qs: IDataObject;
	from?: string;
	to?: string;
	limit?: number;
}

export const getAll: Operation<PreparedGetAll> = {
	description,
	prepare(context, itemIndex) {
		const limit = readListLimit(context, itemIndex);
		const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const types = readChoices(context, itemIndex, 'Filters → Voucher Types', filters.voucherTypes, VOUCHER_TYPES);
		const statuses = readChoices(context, itemIndex, 'Filters → Status', filters.status, STATUSES);
		// Bookkeeping vouchers only: the invoicing module's documents are other types.
		const qs: IDataObject = {
			voucherType: (types.length ? types : VOUCHER_TYPES).join(','),
			voucherStatus: statuses.length ? statuses.join(',') : 'any',
		};
		const contactId = readText(context, itemIndex, 'Filters → Contact ID', filters.contactId);
		if (contactId) qs.contactId = readUuid(context, itemIndex, 'Filters → Contact ID', contactId);
		const voucherNumber = readText(context, itemIndex, 'Filters → Voucher Number', filters.voucherNumber, { maxLength: 255 });
		if (voucherNumber) qs.voucherNumber = voucherNumber;
		const day = (key: string, label: string) => {
			const result = toLexofficeDate(filters[key]);
			if (result && !result.ok) throw inputError(context, itemIndex, label, result.problem, result.hint);
			return result?.ok ? result.value : undefined;
		};
		const from = day('voucherDateFrom', 'Filters → Voucher Date From');
		const to = day('voucherDateTo', 'Filters → Voucher Date To');
		if (from && to && from > to) {
			throw inputError(context, itemIndex, 'Filters → Voucher Date From', `(${from}) is after Voucher Date To (${to})`);
		}
		return { qs, from, to, limit };
	},
	async execute(context, itemIndex, { qs, from, to, limit }) {
		const items = await listVouchers(
			context,
			itemIndex,
			{ qs, voucherDateFrom: from, voucherDateTo: to, sortKey: 'voucherDate', descending: true },
			limit,
		);
		return items.map((json) => ({ json }));
	},
};
