'use strict';

// Pursue (precedingSalesVoucherId): which chains lexoffice allows, and what creating a
// document does to its predecessor (facts part 2 §3).

const { detail } = require('./errors');
const { typeOf } = require('./documentTypes');
const { applyPayment } = require('./payments');

const invalid = (message) => detail('INVALID', 'precedingSalesVoucherId', message);

function hasOptionalItems(rec) {
	return (rec.lineItems || []).some((li) => li.optional === true || (Array.isArray(li.subItems) && li.subItems.length > 0));
}

/** Problems (406 details) of pursuing `preceding` with a new document of type `spec`. */
function problems(spec, preceding, body) {
	if (!preceding) return [invalid('Vorgängerbeleg existiert nicht')];
	const from = typeOf(preceding);
	if (!spec.from.includes(from)) return [invalid(`Ein Beleg vom Typ ${spec.key} kann nicht aus ${from} erstellt werden`)];
	if (preceding.voucherStatus === 'draft') return [invalid('Vorgängerbeleg ist ein Entwurf und kann nicht fortgeführt werden')];
	if (preceding.closingInvoice) return [invalid('Schlussrechnungen können nicht fortgeführt werden')];
	if (from === 'quotation' && hasOptionalItems(preceding)) {
		return [invalid('Angebote mit optionalen oder alternativen Positionen können nicht fortgeführt werden')];
	}
	const out = [];
	if (spec.key === 'creditnote' && preceding.relatedVouchers.some((r) => r.voucherType === 'creditnote')) {
		out.push(invalid('Zu dieser Rechnung existiert bereits eine Rechnungskorrektur'));
	}
	if (spec.key === 'dunning') {
		const want = preceding.address.contactId ?? null;
		const got = body?.address?.contactId ?? null;
		if (want !== got) out.push(detail('INVALID', 'address.contactId', 'muss dem Kontakt der Rechnung entsprechen'));
		if (body?.taxConditions?.taxType !== preceding.taxConditions.taxType) {
			out.push(detail('INVALID', 'taxConditions.taxType', 'muss den Steuerbedingungen der Rechnung entsprechen'));
		}
	}
	return out;
}

/** relatedVouchers on both sides. */
function link(rec, preceding) {
	rec.relatedVouchers.push({ id: preceding.id, voucherNumber: preceding.voucherNumber ?? null, voucherType: typeOf(preceding) });
	preceding.relatedVouchers.push({ id: rec.id, voucherNumber: rec.voucherNumber ?? null, voucherType: rec._type });
}

/** A finalized credit note linked to an invoice is paid off at once and lowers the invoice's open amount. */
function afterCreate(state, rec, preceding) {
	if (!preceding) return;
	if (rec._type === 'dunning') rec.address.name = preceding.address.name;
	if (rec._type === 'creditnote' && rec.voucherStatus === 'open') {
		const amount = rec.totalPrice.totalGrossAmount;
		rec.voucherStatus = 'paidoff';
		rec._openAmount = 0;
		rec._paidMs = rec._createdMs;
		if (preceding._openAmount !== null && preceding._openAmount > 0) {
			applyPayment(preceding, { paymentItemType: 'partPaymentCreditNote', amount }, rec._createdMs);
		}
	}
}

module.exports = { problems, link, afterCreate };
