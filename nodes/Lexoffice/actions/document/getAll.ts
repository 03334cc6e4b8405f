import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toLexofficeDate } from '../../domain/dates';
import type { SortKey, VoucherListQuery } from '../../helpers/invoiceList';
import { listVouchers, SORT_KEYS } from '../../helpers/invoiceList';
import { inputError, orThrow, readBoolean, readListLimit, readText, readUuid } from '../../helpers/validation';
import { returnAllAndLimit } from '../common.descriptions';
import type { Operation } from '../types';
import type { DocumentKind } from './kinds';

const dateFilter = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'dateTime',
	default: '',
	description: `${description}; whole days in Europe/Berlin time, inclusive`,
});

const STATUS_NOTES: Record<string, string> = {
	overdue: 'Open and past the due date; cannot be combined with other statuses',
	accepted: 'Accepted by the customer',
	rejected: 'Rejected by the customer',
	paidoff: 'Settled, e.g. a credit note linked to an invoice',
};

const title = (status: string) => (status === 'paidoff' ? 'Paid Off' : status.charAt(0).toUpperCase() + status.slice(1));

function getAllFields(kind: DocumentKind): INodeProperties[] {
	const show = { resource: [kind.resource], operation: ['getAll'] };
	const plural = `${kind.noun}s`;
	return [
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
				displayName: 'Archived',
				name: 'archived',
				type: 'boolean',
				default: false,
				description: `Whether to return only archived ${plural} (on) or only those not archived (off)`,
			},
			{
				displayName: 'Contact ID',
				name: 'contactId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c',
				description: `Only ${plural} to this contact`,
			},
			dateFilter('Created Date From', 'createdDateFrom', 'Created on or after this day'),
			dateFilter('Created Date To', 'createdDateTo', 'Created on or before this day'),
			{
				displayName: 'Status',
				name: 'status',
				type: 'multiOptions',
				options: kind.listStatuses.map((status) =>
					STATUS_NOTES[status]
						? { name: title(status), value: status, description: STATUS_NOTES[status] }
						: { name: title(status), value: status },
				),
				default: [],
				description: 'Leave empty for any status',
			},
			dateFilter('Updated Date From', 'updatedDateFrom', 'Changed on or after this day'),
			dateFilter('Updated Date To', 'updatedDateTo', 'Changed on or before this day'),
			dateFilter('Voucher Date From', 'voucherDateFrom', 'Document date on or after this day'),
			dateFilter('Voucher Date To', 'voucherDateTo', 'Document date on or before this day'),
			{
				displayName: 'Voucher Number',
				name: 'voucherNumber',
				type: 'string',
				default: '',
				placeholder: 'e.g. RE1019',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				options: [
					{ name: 'Created Date', value: 'createdDate' },
					{ name: 'Updated Date', value: 'updatedDate' },
					{ name: 'Voucher Date', value: 'voucherDate' },
					{ name: 'Voucher Number', value: 'voucherNumber' },
				],
				default: 'voucherDate',
				description:
					'Only Voucher Date is sorted by lexoffice itself. For the other keys the node lists every match and sorts them itself, then applies the Limit: slower for large lists.',
			},
			{
				displayName: 'Sort Direction',
				name: 'sortDirection',
				type: 'options',
				options: [
					{ name: 'Ascending', value: 'ASC' },
					{ name: 'Descending', value: 'DESC' },
				],
				default: 'DESC',
			},
		],
	},
];
}

interface PreparedGetAll {
	query: VoucherListQuery;
	limit?: number;
}

function readStatuses(context: IExecuteFunctions, itemIndex: number, statusList: readonly string[], value: unknown): string {
	const label = 'Filters → Status';
	const list = value === undefined || value === null || value === '' ? [] : Array.isArray(value) ? value : String(value).split(',');
	const statuses: string[] = [];
	for (const entry of list) {
		const status = String(entry).trim().toLowerCase();
		if (!status) continue;
		if (!statusList.includes(status)) {
			throw inputError(context, itemIndex, label, `contains "${status}"; use ${statusList.join(', ')}`);
		}
		if (!statuses.includes(status)) statuses.push(status);
	}
	if (statuses.includes('overdue') && statuses.length > 1) {
		throw inputError(
			context,
			itemIndex,
			label,
			'cannot combine Overdue with other statuses; lexoffice lists overdue invoices only on their own',
			'Choose Overdue alone, or use a second node for the other statuses.',
		);
	}
	return statuses.length ? statuses.join(',') : 'any';
}

/** Reads a from/to pair of day filters and checks that the range is not reversed. */
function readDayRange(
	context: IExecuteFunctions,
	itemIndex: number,
	filters: IDataObject,
	name: string,
	label: string,
): { from?: string; to?: string } {
	const read = (key: string, fieldLabel: string) => {
		const result = toLexofficeDate(filters[key]);
		return result ? orThrow(context, itemIndex, fieldLabel, result) : undefined;
	};
	const from = read(`${name}From`, `Filters → ${label} From`);
	const to = read(`${name}To`, `Filters → ${label} To`);
	if (from && to && from > to) {
		throw inputError(context, itemIndex, `Filters → ${label} From`, `(${from}) is after ${label} To (${to})`);
	}
	return { from, to };
}

/** Get Many for a document type, through the voucher list and past its 10,000-entry window. */
export function getAllOperation(kind: DocumentKind): Operation<PreparedGetAll> {
	return {
	description: getAllFields(kind),
	prepare(context, itemIndex) {
		const limit = readListLimit(context, itemIndex);
		const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;

		const qs: IDataObject = {
			voucherType: kind.listType,
			voucherStatus: readStatuses(context, itemIndex, kind.listStatuses, filters.status),
		};
		const archived = readBoolean(context, itemIndex, 'Filters → Archived', filters.archived);
		if (archived !== undefined) qs.archived = archived;
		const contactId = readText(context, itemIndex, 'Filters → Contact ID', filters.contactId);
		if (contactId) qs.contactId = readUuid(context, itemIndex, 'Filters → Contact ID', contactId);
		const voucherNumber = readText(context, itemIndex, 'Filters → Voucher Number', filters.voucherNumber, {
			maxLength: 255,
		});
		if (voucherNumber) qs.voucherNumber = voucherNumber;
		for (const [name, label] of [
			['createdDate', 'Created Date'],
			['updatedDate', 'Updated Date'],
		]) {
			const { from, to } = readDayRange(context, itemIndex, filters, name, label);
			if (from) qs[`${name}From`] = from;
			if (to) qs[`${name}To`] = to;
		}
		// The voucher date range stays apart from qs: a search too large for lexoffice's
		// window is split along it.
		const voucherDates = readDayRange(context, itemIndex, filters, 'voucherDate', 'Voucher Date');

		const sortBy = (options.sortBy ?? 'voucherDate') as string;
		if (!(SORT_KEYS as readonly string[]).includes(sortBy)) {
			throw inputError(context, itemIndex, 'Options → Sort By', `must be one of ${SORT_KEYS.join(', ')}, not "${sortBy}"`);
		}
		const direction = String(options.sortDirection ?? 'DESC').toUpperCase();
		if (direction !== 'ASC' && direction !== 'DESC') {
			throw inputError(context, itemIndex, 'Options → Sort Direction', `must be ASC or DESC, not "${direction}"`);
		}
		return {
			query: {
				qs,
				voucherDateFrom: voucherDates.from,
				voucherDateTo: voucherDates.to,
				sortKey: sortBy as SortKey,
				descending: direction === 'DESC',
				plural: `${kind.noun}s`,
			},
			limit,
		};
	},
	async execute(context, itemIndex, prepared) {
		const items = await listVouchers(context, itemIndex, prepared.query, prepared.limit);
		return items.map((json) => ({ json }));
	},
};
}
