/**
 * The per-document-type rules, in one table: which parts each sales document has, requires
 * and forbids (lexoffice facts: invoices §5 of the first sheet, other documents §3 of the
 * second). The body builder reads only this table, so a new document type is a new row.
 */

export const DOCUMENT_TYPES = [
	'invoice',
	'quotation',
	'orderConfirmation',
	'deliveryNote',
	'creditNote',
	'dunning',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** `required`: must be given (or has a default); `optional`; `forbidden`: refused when given. */
export type Presence = 'required' | 'optional' | 'forbidden';

export interface DocumentRules {
	/** How messages name one document, e.g. "invoice". */
	noun: string;
	/** The label of the JSON input field, which prefixes JSON paths in messages. */
	jsonLabel: string;
	/** The API path for create and get. */
	path: string;
	/** Shipping conditions; when required, an empty shipping type means `none`. */
	shippingConditions: 'required' | 'forbidden';
	paymentConditions: 'optional' | 'forbidden';
	/** `totalPrice` with its currency and the optional total discount. */
	totals: 'required' | 'forbidden';
	/** Unit prices and tax rates of priced line items. */
	prices: 'required' | 'optional';
	lineItemDiscounts: boolean;
	/** Line items marked `optional: true` (quotations only). */
	optionalLineItems: boolean;
	expirationDate: Presence;
	deliveryTerms: Presence;
	xRechnung: Presence;
	/** `never`: lexoffice always creates a draft (dunnings). */
	finalize: 'optional' | 'never';
	/** The voucher a document is created from (`precedingSalesVoucherId`). */
	precedingVoucher: Presence;
	/** What it may be created from (lexoffice's pursue chains). */
	pursuedFrom: readonly string[];
	/** `voucherType` in the voucher list; undefined where lexoffice does not list the type. */
	voucherListType?: string;
	statuses: readonly string[];
}

export const MAX_LINE_ITEMS = 300;

const common = {
	shippingConditions: 'required',
	paymentConditions: 'optional',
	totals: 'required',
	prices: 'required',
	lineItemDiscounts: true,
	optionalLineItems: false,
	expirationDate: 'forbidden',
	deliveryTerms: 'forbidden',
	xRechnung: 'forbidden',
	finalize: 'optional',
	precedingVoucher: 'optional',
} as const;

export const DOCUMENT_RULES: Record<DocumentType, DocumentRules> = {
	invoice: {
		...common,
		noun: 'invoice',
		jsonLabel: 'Invoice JSON',
		path: '/v1/invoices',
		xRechnung: 'optional',
		pursuedFrom: ['quotation', 'orderConfirmation'],
		voucherListType: 'invoice',
		statuses: ['draft', 'open', 'paid', 'voided'],
	},
	quotation: {
		...common,
		noun: 'quotation',
		jsonLabel: 'Quotation JSON',
		path: '/v1/quotations',
		shippingConditions: 'forbidden',
		optionalLineItems: true,
		expirationDate: 'required',
		pursuedFrom: [],
		voucherListType: 'quotation',
		statuses: ['draft', 'open', 'accepted', 'rejected'],
	},
	orderConfirmation: {
		...common,
		noun: 'order confirmation',
		jsonLabel: 'Order Confirmation JSON',
		path: '/v1/order-confirmations',
		deliveryTerms: 'optional',
		pursuedFrom: ['quotation'],
		voucherListType: 'orderconfirmation',
		statuses: ['draft', 'open'],
	},
	deliveryNote: {
		...common,
		noun: 'delivery note',
		jsonLabel: 'Delivery Note JSON',
		path: '/v1/delivery-notes',
		paymentConditions: 'forbidden',
		totals: 'forbidden',
		prices: 'optional',
		lineItemDiscounts: false,
		deliveryTerms: 'optional',
		pursuedFrom: ['quotation', 'orderConfirmation', 'invoice'],
		voucherListType: 'deliverynote',
		statuses: ['draft', 'open'],
	},
	creditNote: {
		...common,
		noun: 'credit note',
		jsonLabel: 'Credit Note JSON',
		path: '/v1/credit-notes',
		shippingConditions: 'forbidden',
		paymentConditions: 'forbidden',
		lineItemDiscounts: false,
		pursuedFrom: ['invoice'],
		voucherListType: 'creditnote',
		statuses: ['draft', 'open', 'paidoff', 'voided'],
	},
	dunning: {
		...common,
		noun: 'dunning',
		jsonLabel: 'Dunning JSON',
		path: '/v1/dunnings',
		paymentConditions: 'forbidden',
		finalize: 'never',
		precedingVoucher: 'required',
		pursuedFrom: ['invoice', 'downPaymentInvoice'],
		statuses: ['draft'],
	},
};

/** How messages name the vouchers a document can be created from. */
const VOUCHER_NOUNS: Record<string, string> = { downPaymentInvoice: 'down-payment invoice' };

export function voucherNoun(type: string): string {
	return DOCUMENT_RULES[type as DocumentType]?.noun ?? VOUCHER_NOUNS[type] ?? type;
}

/** "an invoice", "a quotation". */
export function withArticle(noun: string): string {
	return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}
