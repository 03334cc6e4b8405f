// lexoffice's payment status (facts part 2 §5) as plain data. No n8n here.

const MAX_AMOUNT_TEXT = 30;

/** openAmount comes as a number, and in one documented sample as a text; read both. */
export function readOpenAmount(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (text.length === 0 || text.length > MAX_AMOUNT_TEXT || !/^-?\d+(\.\d+)?$/.test(text)) return undefined;
	return Number(text);
}

/** The answer with openAmount (and each item's amount) as numbers; anything unreadable is kept as sent. */
export function normalizePayment(raw: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = { ...raw };
	const open = readOpenAmount(raw.openAmount);
	if (open !== undefined) out.openAmount = open;
	if (Array.isArray(raw.paymentItems)) {
		out.paymentItems = raw.paymentItems.map((item) => {
			if (!item || typeof item !== 'object') return item;
			const record = item as Record<string, unknown>;
			const amount = readOpenAmount(record.amount);
			return amount === undefined ? record : { ...record, amount };
		});
	} else out.paymentItems = [];
	return out;
}

/** Why lexoffice refused (406) to give a payment status, in words a user can act on. */
export function explainNoPaymentInformation(lexofficeMessage: string): { message: string; hint: string } {
	if (/in draft/i.test(lexofficeMessage.slice(0, 300))) {
		return {
			message: 'lexoffice keeps no payment status for a draft',
			hint: 'Drafts have no payment status. Finalize the document in lexoffice (or create it with Finalize on), then ask again.',
		};
	}
	return {
		message: 'lexoffice keeps no payment status for this kind of document',
		hint: 'Payment status exists for invoices, down-payment invoices, credit notes not linked to an invoice and bookkeeping vouchers. Quotations, order confirmations, delivery notes, dunnings and credit notes linked to an invoice have none.',
	};
}
