'use strict';

// What differs between lexoffice's sales document types (facts part 2 §3). The one document
// module (invoices.js) reads this table; nothing else in the sandbox hard-codes a type.

/**
 * key: the voucherlist type (dunnings have none and are never listed).
 * shipping / paymentConditions: 'required' | 'optional' | 'forbidden'.
 * totals: the server computes totals (delivery notes have none).
 * from: the types a document of this type may be pursued from (precedingSalesVoucherId).
 */
const DOCUMENT_TYPES = {
	invoice: {
		path: 'invoices',
		label: 'Rechnung',
		prefix: 'RE',
		shipping: 'required',
		paymentConditions: 'optional',
		totals: true,
		lineDiscounts: true,
		dueDate: true,
		creatable: true,
		finalize: true,
		listed: true,
		from: ['quotation', 'orderconfirmation'],
	},
	quotation: {
		path: 'quotations',
		label: 'Angebot',
		prefix: 'AG',
		shipping: 'forbidden',
		paymentConditions: 'optional',
		totals: true,
		lineDiscounts: true,
		expirationDate: true,
		optionalItems: true,
		creatable: true,
		finalize: true,
		listed: true,
		from: [],
	},
	orderconfirmation: {
		path: 'order-confirmations',
		label: 'Auftragsbestätigung',
		prefix: 'AB',
		shipping: 'required',
		paymentConditions: 'optional',
		totals: true,
		lineDiscounts: true,
		creatable: true,
		finalize: true,
		listed: true,
		from: ['quotation'],
	},
	deliverynote: {
		path: 'delivery-notes',
		label: 'Lieferschein',
		prefix: 'LS',
		shipping: 'required',
		paymentConditions: 'optional',
		totals: false,
		unitPriceOptional: true,
		lineDiscounts: true,
		creatable: true,
		finalize: true,
		listed: true,
		from: ['quotation', 'orderconfirmation', 'invoice'],
	},
	creditnote: {
		path: 'credit-notes',
		label: 'Rechnungskorrektur',
		prefix: 'RK',
		shipping: 'forbidden',
		paymentConditions: 'forbidden',
		totals: true,
		lineDiscounts: false,
		creatable: true,
		finalize: true,
		listed: true,
		payments: true,
		from: ['invoice'],
	},
	dunning: {
		path: 'dunnings',
		label: 'Mahnung',
		prefix: null, // dunnings never get a number
		shipping: 'required',
		paymentConditions: 'forbidden',
		totals: true,
		lineDiscounts: true,
		creatable: true,
		finalize: false, // ?finalize=true is ignored; always a draft
		listed: false,
		precedingRequired: true,
		from: ['invoice', 'downpaymentinvoice'],
	},
	downpaymentinvoice: {
		path: 'down-payment-invoices',
		label: 'Abschlagsrechnung',
		prefix: 'AR',
		shipping: 'optional',
		paymentConditions: 'optional',
		totals: true,
		lineDiscounts: true,
		dueDate: true,
		creatable: false, // lexoffice creates them; the API only reads
		finalize: true,
		listed: true,
		payments: true,
		from: [],
	},
};

const TYPE_KEYS = Object.keys(DOCUMENT_TYPES);

function typeSpec(key) {
	const spec = DOCUMENT_TYPES[key];
	if (!spec) throw new Error(`unknown document type ${key}`);
	return { key, ...spec };
}

/** Where a type's records live: invoices keep their own map; every other type shares one. */
function storeOf(state, key) {
	return key === 'invoice' ? state.invoices : state.documents;
}

/** Any stored sales document by id, whatever its type. */
function findDocument(state, id) {
	return state.invoices.get(id) || state.documents?.get(id) || null;
}

function typeOf(rec) {
	return rec._type || 'invoice';
}

/** Every document the voucherlist shows (dunnings are never listed). */
function* listedDocuments(state) {
	yield* state.invoices.values();
	for (const rec of state.documents?.values() ?? []) if (DOCUMENT_TYPES[typeOf(rec)].listed) yield rec;
}

module.exports = { DOCUMENT_TYPES, TYPE_KEYS, typeSpec, storeOf, findDocument, typeOf, listedDocuments };
