import type { DocumentFieldKey, DocumentLabels, RawLineItem, RecipientKind } from './rawDocument';

/** The node's own field names, shared by every document type's form. */
const FIELD_LABELS: Record<DocumentFieldKey, string> = {
	voucherDate: 'Voucher Date',
	contactId: 'Contact',
	'address.name': 'Recipient Name',
	'address.supplement': 'Address Details → Address Supplement',
	'address.street': 'Address Details → Street',
	'address.zip': 'Address Details → ZIP Code',
	'address.city': 'Address Details → City',
	'address.countryCode': 'Country Code',
	lineItems: 'Line Items',
	taxType: 'Tax Type',
	shippingType: 'Shipping Type',
	shippingDate: 'Shipping Date',
	shippingEndDate: 'Shipping End Date',
	title: 'Title',
	introduction: 'Introduction',
	remark: 'Remark',
	language: 'Language',
	'payment.label': 'Payment Conditions → Label',
	'payment.duration': 'Payment Conditions → Duration (Days)',
	'payment.discountPercentage': 'Payment Conditions → Cash Discount Percentage',
	'payment.discountRange': 'Payment Conditions → Cash Discount Days',
	totalDiscountAbsolute: 'Total Discount Absolute',
	totalDiscountPercentage: 'Total Discount Percentage',
	xRechnungBuyerReference: 'XRechnung Buyer Reference',
	printLayoutId: 'Print Layout ID',
	expirationDate: 'Expiration Date',
	deliveryTerms: 'Delivery Terms',
};

const OVERRIDE_LABELS: Partial<Record<DocumentFieldKey, string>> = {
	'address.name': 'Address Override → Name',
	'address.supplement': 'Address Override → Address Supplement',
	'address.street': 'Address Override → Street',
	'address.zip': 'Address Override → ZIP Code',
	'address.city': 'Address Override → City',
	'address.countryCode': 'Address Override → Country Code',
};

const LINE_ITEM_LABELS: Record<keyof RawLineItem, string> = {
	type: 'Type',
	id: 'Article ID',
	name: 'Name',
	description: 'Description',
	quantity: 'Quantity',
	unitName: 'Unit Name',
	unitPrice: 'Unit Price',
	taxRate: 'Tax Rate',
	discountPercentage: 'Discount Percentage',
	optional: 'Optional',
};

/**
 * Labels of the node's form fields; the address fields depend on the recipient kind.
 * `overrides` lets a resource rename a field it shows differently.
 */
export function fieldLabels(
	recipient: RecipientKind,
	overrides: Partial<Record<DocumentFieldKey, string>> = {},
): DocumentLabels {
	return {
		field: (key) =>
			overrides[key] ?? (recipient === 'contact' ? OVERRIDE_LABELS[key] : undefined) ?? FIELD_LABELS[key],
		lineItem: (position, count, key) => `Line Items → #${position} (of ${count}) → ${LINE_ITEM_LABELS[key]}`,
	};
}

/** Where each field sits in lexoffice's JSON body. */
export const JSON_PATHS: Record<DocumentFieldKey, string> = {
	voucherDate: 'voucherDate',
	contactId: 'address.contactId',
	'address.name': 'address.name',
	'address.supplement': 'address.supplement',
	'address.street': 'address.street',
	'address.zip': 'address.zip',
	'address.city': 'address.city',
	'address.countryCode': 'address.countryCode',
	lineItems: 'lineItems',
	taxType: 'taxConditions.taxType',
	shippingType: 'shippingConditions.shippingType',
	shippingDate: 'shippingConditions.shippingDate',
	shippingEndDate: 'shippingConditions.shippingEndDate',
	title: 'title',
	introduction: 'introduction',
	remark: 'remark',
	language: 'language',
	'payment.label': 'paymentConditions.paymentTermLabel',
	'payment.duration': 'paymentConditions.paymentTermDuration',
	'payment.discountPercentage': 'paymentConditions.paymentDiscountConditions.discountPercentage',
	'payment.discountRange': 'paymentConditions.paymentDiscountConditions.discountRange',
	totalDiscountAbsolute: 'totalPrice.totalDiscountAbsolute',
	totalDiscountPercentage: 'totalPrice.totalDiscountPercentage',
	xRechnungBuyerReference: 'xRechnung.buyerReference',
	printLayoutId: 'printLayoutId',
	expirationDate: 'expirationDate',
	deliveryTerms: 'deliveryTerms',
};

/** Labels for the JSON input: the input's label and the lexoffice field path. */
export function jsonLabels(jsonLabel: string, gross: boolean): DocumentLabels {
	const lineKeys: Record<keyof RawLineItem, string> = {
		type: 'type',
		id: 'id',
		name: 'name',
		description: 'description',
		quantity: 'quantity',
		unitName: 'unitName',
		unitPrice: gross ? 'unitPrice.grossAmount' : 'unitPrice.netAmount',
		taxRate: 'unitPrice.taxRatePercentage',
		discountPercentage: 'discountPercentage',
		optional: 'optional',
	};
	return {
		field: (key) => `${jsonLabel} → ${JSON_PATHS[key]}`,
		lineItem: (position, count, key) =>
			`${jsonLabel} → lineItems[${position - 1}] (line item ${position} of ${count}) → ${lineKeys[key]}`,
	};
}
