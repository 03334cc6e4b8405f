import type { DocumentType } from '../../domain/documentTypes';
import { DOCUMENT_RULES } from '../../domain/documentTypes';

/**
 * What the node shows for each sales document resource. The lexoffice rules of a type
 * (fields, pursue chains, statuses) live in domain/documentTypes.ts; this table adds only
 * what n8n needs: parameter names, list search methods and which files exist.
 */
export type KindKey = DocumentType | 'downPaymentInvoice';

export interface DocumentKind {
	key: KindKey;
	/** The node's resource value. */
	resource: string;
	/** The domain type, for kinds the API can create. */
	type?: DocumentType;
	noun: string;
	/** Title-case noun for labels, e.g. "Order Confirmation". */
	title: string;
	/** API path for create and get. */
	path: string;
	/** Segment of lexoffice's web-app permalinks. */
	permalink: string;
	/** `voucherType` in the voucher list; undefined where lexoffice does not list the type. */
	listType?: string;
	/** Statuses the Get Many filter offers (invoices add "overdue"). */
	listStatuses: readonly string[];
	/** The locator parameter of Get and Download. */
	idParam: string;
	/** The list search of that locator; undefined where lexoffice cannot list the type. */
	searchMethod?: string;
	/** The "fields or JSON" switch and the JSON input of Create. */
	modeParam: string;
	jsonParam: string;
	/** The list search of the preceding voucher ("Create From"). */
	predecessorSearch?: string;
	/** Whether lexoffice delivers an XRechnung XML besides the PDF. */
	xml: boolean;
}

const creatable = (type: DocumentType, extra: Partial<DocumentKind> & { title: string; searchMethod?: string }): DocumentKind => {
	const rules = DOCUMENT_RULES[type];
	const pascal = type.charAt(0).toUpperCase() + type.slice(1);
	return {
		key: type,
		resource: type,
		type,
		noun: rules.noun,
		path: rules.path,
		permalink: rules.path.replace('/v1/', ''),
		listType: rules.voucherListType,
		listStatuses: rules.statuses,
		idParam: `${type}Id`,
		modeParam: `define${pascal}`,
		jsonParam: `${type}Json`,
		predecessorSearch: rules.pursuedFrom.length ? `search${pascal}Predecessors` : undefined,
		xml: false,
		...extra,
	};
};

export const DOCUMENT_KINDS: Record<KindKey, DocumentKind> = {
	invoice: creatable('invoice', {
		title: 'Invoice',
		searchMethod: 'searchInvoices',
		listStatuses: ['draft', 'open', 'paid', 'voided', 'overdue'],
		xml: true,
	}),
	quotation: creatable('quotation', { title: 'Quotation', searchMethod: 'searchQuotations' }),
	orderConfirmation: creatable('orderConfirmation', {
		title: 'Order Confirmation',
		searchMethod: 'searchOrderConfirmations',
	}),
	deliveryNote: creatable('deliveryNote', { title: 'Delivery Note', searchMethod: 'searchDeliveryNotes' }),
	creditNote: creatable('creditNote', { title: 'Credit Note', searchMethod: 'searchCreditNotes' }),
	// Dunnings are never in the voucher list: they are found by ID, URL or the invoice's relatedVouchers.
	dunning: creatable('dunning', { title: 'Dunning', listStatuses: [] }),
	downPaymentInvoice: {
		key: 'downPaymentInvoice',
		resource: 'downPaymentInvoice',
		noun: 'down-payment invoice',
		title: 'Down-Payment Invoice',
		path: '/v1/down-payment-invoices',
		// lexoffice's app opens down-payment invoices under invoices/.
		permalink: 'invoices',
		listType: 'downpaymentinvoice',
		listStatuses: ['draft', 'open', 'paid', 'voided'],
		idParam: 'downPaymentInvoiceId',
		searchMethod: 'searchDownPaymentInvoices',
		modeParam: '',
		jsonParam: '',
		xml: false,
	},
};

/** The kinds a document of `kind` may be created from, as voucher list types. */
export function predecessorListTypes(kind: DocumentKind): string[] {
	if (!kind.type) return [];
	return DOCUMENT_RULES[kind.type].pursuedFrom.map((key) => DOCUMENT_KINDS[key as KindKey].listType ?? key);
}

export function predecessorNouns(kind: DocumentKind): string[] {
	if (!kind.type) return [];
	return DOCUMENT_RULES[kind.type].pursuedFrom.map((key) => DOCUMENT_KINDS[key as KindKey].noun);
}
