import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isSalesType, readVoucherDay, readVoucherItems } from './voucherBody';
import { inputError, readBoolean, readText, readUuid } from './validation';

export interface VoucherChanges {
	voucherNumber?: string;
	voucherDate?: string;
	dueDate?: string;
	shippingDate?: string;
	remark?: string;
	contactId?: string;
	contactName?: string;
	addFiles?: string[];
	markOpen?: boolean;
	taxType?: 'net' | 'gross';
	/** True when new voucher items replace the stored ones. */
	items: boolean;
}

const DATE_FIELDS = ['voucherDate', 'dueDate', 'shippingDate'] as const;

/** A comma-separated list of lexoffice file IDs, without repeats. */
export function readFileIdList(context: IExecuteFunctions, itemIndex: number, label: string, value: unknown): string[] | undefined {
	const text = readText(context, itemIndex, label, value, { maxLength: 10_000 });
	if (text === undefined) return undefined;
	const ids: string[] = [];
	for (const part of text.split(',')) {
		if (!part.trim()) continue;
		const id = readUuid(context, itemIndex, label, part);
		if (!ids.includes(id)) ids.push(id);
	}
	return ids;
}

/** Reads and checks the Update Fields; nothing is sent yet. */
export function readVoucherChanges(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
	itemEntries: IDataObject[],
): VoucherChanges {
	const label = (name: string) => `Update Fields → ${name}`;
	const changes: VoucherChanges = { items: itemEntries.length > 0 };
	changes.voucherNumber = readText(context, itemIndex, label('Voucher Number'), fields.voucherNumber, { maxLength: 255 });
	changes.voucherDate = readVoucherDay(context, itemIndex, label('Voucher Date'), fields.voucherDate, false);
	changes.dueDate = readVoucherDay(context, itemIndex, label('Due Date'), fields.dueDate, false);
	changes.shippingDate = readVoucherDay(context, itemIndex, label('Shipping Date'), fields.shippingDate, false);
	changes.remark = readText(context, itemIndex, label('Remark'), fields.remark, { maxLength: 1000 });
	const contactId = readText(context, itemIndex, label('Contact ID'), fields.contactId);
	if (contactId) changes.contactId = readUuid(context, itemIndex, label('Contact ID'), contactId);
	changes.contactName = readText(context, itemIndex, label('Collective Contact Name'), fields.contactName, { maxLength: 255 });
	if (changes.contactId && changes.contactName) {
		throw inputError(
			context,
			itemIndex,
			label('Contact ID'),
			'and Collective Contact Name are both set; a voucher is booked either on a contact or on the collective contact',
		);
	}
	changes.addFiles = readFileIdList(context, itemIndex, label('Add File IDs'), fields.fileIds);
	changes.markOpen = readBoolean(context, itemIndex, label('Mark as Checked (Open)'), fields.markOpen) === true;
	if (fields.taxType !== undefined && fields.taxType !== '') {
		if (fields.taxType !== 'net' && fields.taxType !== 'gross') {
			throw inputError(context, itemIndex, label('Tax Type'), `must be gross or net, not "${String(fields.taxType)}"`);
		}
		if (!changes.items) {
			throw inputError(
				context,
				itemIndex,
				label('Tax Type'),
				'can only change together with new Voucher Items; otherwise the stored amounts would be read differently',
			);
		}
		changes.taxType = fields.taxType;
	}
	// The items' own rules; the totals are worked out again against the stored tax type.
	if (changes.items) readVoucherItems(context, itemIndex, itemEntries, changes.taxType ?? 'net', {});
	return changes;
}

export function hasVoucherChanges(changes: VoucherChanges): boolean {
	return Object.entries(changes).some(([key, value]) =>
		key === 'items' || key === 'markOpen' ? value === true : Array.isArray(value) ? value.length > 0 : value !== undefined,
	);
}

/**
 * The body for PUT: the stored voucher with only the requested changes. Files and every
 * field this node does not know stay; `voucherStatus` is left out (lexoffice refuses an
 * echoed status) unless an unchecked voucher is to become open.
 */
export function applyVoucherChanges(
	context: IExecuteFunctions,
	itemIndex: number,
	stored: IDataObject,
	changes: VoucherChanges,
	itemEntries: IDataObject[],
): IDataObject {
	const body: IDataObject = { ...stored };
	delete body.voucherStatus;
	if (changes.markOpen) {
		if (stored.voucherStatus !== 'unchecked') {
			throw inputError(
				context,
				itemIndex,
				'Update Fields → Mark as Checked (Open)',
				`is only possible for unchecked vouchers; this one is ${String(stored.voucherStatus)}`,
			);
		}
		body.voucherStatus = 'open';
	}
	// GET answers with full timestamps; lexoffice documents yyyy-MM-dd for writing.
	for (const key of DATE_FIELDS) {
		const value = body[key];
		if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) body[key] = value.slice(0, 10);
	}
	for (const key of ['voucherNumber', 'voucherDate', 'dueDate', 'remark'] as const) {
		if (changes[key] !== undefined) body[key] = changes[key];
	}
	if (changes.shippingDate !== undefined) {
		if (!isSalesType(String(stored.type))) {
			throw inputError(context, itemIndex, 'Update Fields → Shipping Date', `is only for sales vouchers; this one is a ${String(stored.type)}`);
		}
		body.shippingDate = changes.shippingDate;
	}
	if (changes.contactId) {
		// lexoffice refuses a custom name next to a referenced contact.
		body.contactId = changes.contactId;
		body.useCollectiveContact = false;
		delete body.contactName;
	} else if (changes.contactName) {
		delete body.contactId;
		body.useCollectiveContact = true;
		body.contactName = changes.contactName;
	}
	const files = Array.isArray(stored.files) ? (stored.files as string[]).map(String) : [];
	for (const id of changes.addFiles ?? []) if (!files.includes(id)) files.push(id);
	body.files = files;
	if (changes.items) {
		const taxType = changes.taxType ?? (stored.taxType === 'net' ? 'net' : stored.taxType === 'gross' ? 'gross' : undefined);
		if (!taxType) {
			throw inputError(context, itemIndex, 'Update Fields → Tax Type', 'is needed: the stored voucher has no tax type to read the new items with');
		}
		const totals = readVoucherItems(context, itemIndex, itemEntries, taxType, {});
		body.taxType = taxType;
		body.voucherItems = totals.voucherItems;
		body.totalGrossAmount = totals.totalGrossAmount;
		body.totalTaxAmount = totals.totalTaxAmount;
	}
	return body;
}
