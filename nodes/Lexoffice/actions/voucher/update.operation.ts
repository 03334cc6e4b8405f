import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { fixedCollectionEntries } from '../../helpers/parameters';
import { checkPostingCategories } from '../../helpers/postingCategories';
import { applyVoucherChanges, hasVoucherChanges, readVoucherChanges } from '../../helpers/voucherUpdate';
import type { VoucherChanges } from '../../helpers/voucherUpdate';
import { inputError } from '../../helpers/validation';
import { lexofficeBody } from '../../transport';
import { putWithVersion } from '../../helpers/versionedUpdate';
import type { Operation } from '../types';
import { voucherDetailFields } from './create.operation';
import { readVoucherId, voucherItemsField, voucherLocator } from './voucherFields';

const show = { resource: ['voucher'], operation: ['update'] };

const description: INodeProperties[] = [
	voucherLocator('update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only these fields change; the files and everything else stay as they are in lexoffice',
		displayOptions: { show },
		options: [
			{
				displayName: 'Collective Contact Name',
				name: 'contactName',
				type: 'string',
				default: '',
				description: 'Book the voucher on the collective contact under this name (drops the contact)',
			},
			{
				displayName: 'Contact ID',
				name: 'contactId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c',
				description: 'Book the voucher on this contact instead (drops a collective contact name)',
			},
			...voucherDetailFields.map((field) =>
				field.name === 'fileIds'
					? { ...field, displayName: 'Add File IDs', description: 'IDs of files already in lexoffice to link in addition to the voucher’s files, separated by commas' }
					: field,
			),
			{
				displayName: 'Mark as Checked (Open)',
				name: 'markOpen',
				type: 'boolean',
				default: false,
				description: 'Whether to move an unchecked voucher (an uploaded receipt) to open; the only status change lexoffice allows',
			},
			{
				displayName: 'Tax Type',
				name: 'taxType',
				type: 'options',
				options: [
					{ name: 'Gross', value: 'gross' },
					{ name: 'Net', value: 'net' },
				],
				default: 'gross',
				description: 'Changes how item amounts are read; only together with new Voucher Items',
			},
			{ displayName: 'Voucher Date', name: 'voucherDate', type: 'dateTime', default: '' },
			{ displayName: 'Voucher Number', name: 'voucherNumber', type: 'string', default: '' },
		],
	},
	voucherItemsField(show, 'Leave empty to keep the voucher’s items; any items here replace them all and the totals are worked out anew'),
];

interface PreparedUpdate {
	id: string;
	changes: VoucherChanges;
	itemEntries: IDataObject[];
}

export const update: Operation<PreparedUpdate> = {
	description,
	prepare(context, itemIndex) {
		const id = readVoucherId(context, itemIndex);
		const fields = context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const itemEntries = fixedCollectionEntries(context.getNodeParameter('voucherItems', itemIndex, {}), 'item');
		const changes = readVoucherChanges(context, itemIndex, fields, itemEntries);
		if (!hasVoucherChanges(changes)) {
			throw inputError(context, itemIndex, 'Update Fields', 'are empty; add at least one field or voucher item to change');
		}
		return { id, changes, itemEntries };
	},
	async execute(context, itemIndex, { id, changes, itemEntries }) {
		// PUT replaces the whole voucher: it starts from the stored one so its files and every
		// field this node does not model survive, and sends back the version it was read at.
		const stored = await lexofficeBody(context, { method: 'GET', path: `/v1/vouchers/${id}` }, { itemIndex });
		const body = applyVoucherChanges(context, itemIndex, stored, changes, itemEntries);
		if (changes.items) {
			await checkPostingCategories(
				context,
				itemIndex,
				String(body.type),
				body.voucherItems as IDataObject[],
				body.useCollectiveContact !== true && Boolean(body.contactId),
			);
		}
		const result = await putWithVersion(context, itemIndex, 'voucher', `/v1/vouchers/${id}`, body);
		return [{ json: { ...body, ...result } }];
	},
};
