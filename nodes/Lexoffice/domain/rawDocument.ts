/** A sales document as the user entered it (form or JSON), before any check. */

export type RecipientKind = 'contact' | 'oneTimeAddress';

export interface RawAddress {
	contactId?: unknown;
	name?: unknown;
	supplement?: unknown;
	street?: unknown;
	zip?: unknown;
	city?: unknown;
	countryCode?: unknown;
}

export interface RawLineItem {
	type?: unknown;
	id?: unknown;
	name?: unknown;
	description?: unknown;
	quantity?: unknown;
	unitName?: unknown;
	/** Net or gross, as the tax type says. */
	unitPrice?: unknown;
	taxRate?: unknown;
	discountPercentage?: unknown;
	/** Quotations only: an optional position. */
	optional?: unknown;
}

export interface RawPaymentConditions {
	label?: unknown;
	duration?: unknown;
	discountPercentage?: unknown;
	discountRange?: unknown;
}

export interface RawDocument {
	recipient: RecipientKind;
	address: RawAddress;
	voucherDate?: unknown;
	taxType?: unknown;
	lineItems: RawLineItem[];
	shippingType?: unknown;
	shippingDate?: unknown;
	shippingEndDate?: unknown;
	title?: unknown;
	introduction?: unknown;
	remark?: unknown;
	language?: unknown;
	paymentConditions?: RawPaymentConditions;
	totalDiscountAbsolute?: unknown;
	totalDiscountPercentage?: unknown;
	xRechnungBuyerReference?: unknown;
	printLayoutId?: unknown;
	/** Quotations. */
	expirationDate?: unknown;
	/** Order confirmations and delivery notes. */
	deliveryTerms?: unknown;
}

export type DocumentFieldKey =
	| 'voucherDate'
	| 'contactId'
	| `address.${Exclude<keyof RawAddress, 'contactId'>}`
	| 'lineItems'
	| 'taxType'
	| 'shippingType'
	| 'shippingDate'
	| 'shippingEndDate'
	| 'title'
	| 'introduction'
	| 'remark'
	| 'language'
	| `payment.${keyof RawPaymentConditions}`
	| 'totalDiscountAbsolute'
	| 'totalDiscountPercentage'
	| 'xRechnungBuyerReference'
	| 'printLayoutId'
	| 'expirationDate'
	| 'deliveryTerms';

/** How fields are named in messages: UI labels, or JSON paths for the JSON input. */
export interface DocumentLabels {
	field(key: DocumentFieldKey): string;
	/** `position` counts from 1. */
	lineItem(position: number, count: number, key: keyof RawLineItem): string;
}
