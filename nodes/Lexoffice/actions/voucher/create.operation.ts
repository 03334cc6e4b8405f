import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { fixedCollectionEntries } from '../../helpers/parameters';
import { checkPostingCategories } from '../../helpers/postingCategories';
import { isSalesType, readVoucherDay, readVoucherItems, VOUCHER_TYPES } from '../../helpers/voucherBody';
import { inputError, readText, readUuid } from '../../helpers/validation';
import { readFileIdList } from '../../helpers/voucherUpdate';
import { getConnection, lexofficeBody, toNodeApiError } from '../../transport';
import { recordLocator } from '../common.descriptions';
import type { Operation } from '../types';
import { voucherItemsField, voucherTypeOptions } from './voucherFields';

const show = { resource: ['voucher'], operation: ['create'] };

/** Field descriptions shared with Update (only the display options differ). */
export const voucherDetailFields: INodeProperties[] = [
	{ displayName: 'Due Date', name: 'dueDate', type: 'dateTime', default: '', description: 'Defaults to the voucher date' },
	{
		displayName: 'File IDs',
		name: 'fileIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c',
		description: 'IDs of files already in lexoffice to link to the voucher, separated by commas',
	},
	{ displayName: 'Remark', name: 'remark', type: 'string', default: '', typeOptions: { rows: 2 } },
	{
		displayName: 'Shipping Date',
		name: 'shippingDate',
		type: 'dateTime',
		default: '',
		description: 'Date of delivery or service; sales vouchers only',
	},
];

const description: INodeProperties[] = [
	{
		displayName: 'Voucher Type',
		name: 'voucherType',
		type: 'options',
		options: voucherTypeOptions,
		default: 'purchaseinvoice',
		displayOptions: { show },
	},
	{
		displayName: 'Voucher Number',
		name: 'voucherNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. RE-2024-0815',
		description: 'The number printed on the receipt',
		displayOptions: { show },
	},
	{
		displayName: 'Voucher Date',
		name: 'voucherDate',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show },
	},
	{
		displayName: 'Tax Type',
		name: 'taxType',
		type: 'options',
		options: [
			{ name: 'Gross', value: 'gross', description: 'Item amounts include tax' },
			{ name: 'Net', value: 'net', description: 'Item amounts exclude tax' },
		],
		default: 'gross',
		displayOptions: { show },
	},
	{
		displayName: 'Contact',
		name: 'contactMode',
		type: 'options',
		options: [
			{ name: 'Existing Contact', value: 'contact' },
			{ name: 'Collective Contact', value: 'collective', description: 'The catch-all contact of lexoffice, optionally with a name' },
		],
		default: 'collective',
		displayOptions: { show },
	},
	{
		...recordLocator({
			name: 'contactId',
			displayName: 'Contact',
			searchMethod: 'searchContacts',
			urlSegment: 'contacts',
			description: 'The supplier or customer of the voucher',
		}),
		displayOptions: { show: { ...show, contactMode: ['contact'] } },
	},
	{
		displayName: 'Contact Name',
		name: 'contactName',
		type: 'string',
		default: '',
		description: 'Name shown on the collective contact, e.g. the shop on the receipt',
		displayOptions: { show: { ...show, contactMode: ['collective'] } },
	},
	voucherItemsField(show, 'One item per tax rate'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			...voucherDetailFields,
			{
				displayName: 'Status',
				name: 'voucherStatus',
				type: 'options',
				options: [
					{ name: 'Open', value: 'open' },
					{ name: 'Unchecked', value: 'unchecked', description: 'Lands in “Zu prüfen”; lexoffice has refused this at times' },
				],
				default: 'open',
				description: 'Left out unless set; lexoffice then makes the voucher open',
			},
			{
				displayName: 'Total Gross Amount (Check)',
				name: 'totalGrossAmount',
				type: 'number',
				typeOptions: { numberPrecision: 2 },
				default: 0,
				description: 'The total on the receipt; the item fails if the items do not add up to it to the cent',
			},
			{
				displayName: 'Total Tax Amount (Check)',
				name: 'totalTaxAmount',
				type: 'number',
				typeOptions: { numberPrecision: 2 },
				default: 0,
				description: 'The tax on the receipt; the item fails if the items’ tax does not add up to it to the cent',
			},
		],
	},
];

interface PreparedCreate {
	body: IDataObject;
}

export const create: Operation<PreparedCreate> = {
	description,
	prepare(context, itemIndex) {
		const type = context.getNodeParameter('voucherType', itemIndex) as string;
		if (!(VOUCHER_TYPES as readonly string[]).includes(type)) {
			throw inputError(context, itemIndex, 'Voucher Type', `must be one of ${VOUCHER_TYPES.join(', ')}, not "${String(type)}"`);
		}
		const taxType = context.getNodeParameter('taxType', itemIndex, 'gross') as string;
		if (taxType !== 'gross' && taxType !== 'net') {
			throw inputError(context, itemIndex, 'Tax Type', `must be gross or net, not "${String(taxType)}"`);
		}
		const fields = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body: IDataObject = {
			type,
			voucherNumber: readText(context, itemIndex, 'Voucher Number', context.getNodeParameter('voucherNumber', itemIndex, ''), {
				required: true,
				maxLength: 255,
			}),
			voucherDate: readVoucherDay(context, itemIndex, 'Voucher Date', context.getNodeParameter('voucherDate', itemIndex, ''), true),
		};
		const dueDate = readVoucherDay(context, itemIndex, 'Additional Fields → Due Date', fields.dueDate, false);
		if (dueDate) body.dueDate = dueDate;
		const shippingDate = readVoucherDay(context, itemIndex, 'Additional Fields → Shipping Date', fields.shippingDate, false);
		if (shippingDate) {
			if (!isSalesType(type)) {
				throw inputError(context, itemIndex, 'Additional Fields → Shipping Date', 'is only for sales vouchers; lexoffice ignores or refuses it on purchases');
			}
			body.shippingDate = shippingDate;
		}
		const entries = fixedCollectionEntries(context.getNodeParameter('voucherItems', itemIndex, {}), 'item');
		const totals = readVoucherItems(context, itemIndex, entries, taxType, {
			gross: fields.totalGrossAmount,
			tax: fields.totalTaxAmount,
		});
		body.totalGrossAmount = totals.totalGrossAmount;
		body.totalTaxAmount = totals.totalTaxAmount;
		body.taxType = taxType;

		const mode = context.getNodeParameter('contactMode', itemIndex, 'collective') as string;
		if (mode === 'contact') {
			body.useCollectiveContact = false;
			body.contactId = readUuid(context, itemIndex, 'Contact', context.getNodeParameter('contactId', itemIndex, '', { extractValue: true }));
		} else if (mode === 'collective') {
			body.useCollectiveContact = true;
			const contactName = readText(context, itemIndex, 'Contact Name', context.getNodeParameter('contactName', itemIndex, ''), { maxLength: 255 });
			if (contactName) body.contactName = contactName;
		} else {
			throw inputError(context, itemIndex, 'Contact', `must be contact or collective, not "${String(mode)}"`);
		}
		const remark = readText(context, itemIndex, 'Additional Fields → Remark', fields.remark, { maxLength: 1000 });
		if (remark) body.remark = remark;
		body.voucherItems = totals.voucherItems;
		const files = readFileIdList(context, itemIndex, 'Additional Fields → File IDs', fields.fileIds);
		if (files?.length) body.files = files;
		if (fields.voucherStatus !== undefined && fields.voucherStatus !== '') {
			const status = String(fields.voucherStatus);
			if (status !== 'open' && status !== 'unchecked') {
				throw inputError(context, itemIndex, 'Additional Fields → Status', `must be open or unchecked, not "${status}"`);
			}
			if (status === 'unchecked' && taxType === 'net') {
				throw inputError(context, itemIndex, 'Additional Fields → Status', 'cannot be Unchecked with Tax Type Net; lexoffice forbids that combination');
			}
			body.voucherStatus = status;
		}
		return { body };
	},
	async execute(context, itemIndex, { body }) {
		await checkPostingCategories(context, itemIndex, String(body.type), body.voucherItems as IDataObject[], body.useCollectiveContact === false);
		const { secrets } = await getConnection(context);
		const result = await lexofficeBody(
			context,
			{ method: 'POST', path: '/v1/vouchers', body },
			{
				itemIndex,
				onError: (failure) =>
					failure.status === 406 && body.voucherStatus !== undefined && JSON.stringify(failure.body ?? '').includes('"voucherStatus"')
						? toNodeApiError(context.getNode(), failure, {
								itemIndex,
								secrets,
								message: `lexoffice refused the status "${String(body.voucherStatus)}" for a new voucher [item ${itemIndex}]`,
								hint: 'lexoffice has accepted and refused Unchecked at different times. Remove Additional Fields → Status; the voucher is then created as open.',
							})
						: undefined,
			},
		);
		return [{ json: { ...body, ...result } }];
	},
};
