import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { isUuid } from '../helpers/validation';
import { getConnection, lexofficeBody } from '../transport';

const PAGE_SIZE = 50;

/** Permalink segment per voucher list type; down-payment invoices open under invoices/. */
const PERMALINKS: Record<string, string> = {
	invoice: 'invoices',
	downpaymentinvoice: 'invoices',
	quotation: 'quotations',
	orderconfirmation: 'order-confirmations',
	deliverynote: 'delivery-notes',
	creditnote: 'credit-notes',
};

const TYPE_NAMES: Record<string, string> = {
	invoice: 'Invoice',
	downpaymentinvoice: 'Down-payment invoice',
	quotation: 'Quotation',
	orderconfirmation: 'Order confirmation',
	deliverynote: 'Delivery note',
	creditnote: 'Credit note',
};

/**
 * The editor asks for each page separately, so the page number and the id of the last
 * entry shown travel in the token: a record created in between shifts lexoffice's pages,
 * and the entries already shown are left out when they come again.
 */
function readToken(token: string | undefined): { page: number; lastId?: string } {
	if (!token) return { page: 0 };
	const separator = token.indexOf(':');
	const page = Number(separator < 0 ? token : token.slice(0, separator));
	if (!Number.isInteger(page) || page < 0) return { page: 0 };
	return { page, lastId: separator < 0 ? undefined : token.slice(separator + 1) };
}

/** One page of the voucher list for the given types, newest first, searched by voucher number. */
export async function searchVoucherList(
	context: ILoadOptionsFunctions,
	types: string[],
	filter: string | undefined,
	paginationToken: string | undefined,
	statuses = 'any',
): Promise<INodeListSearchResult> {
	const token = readToken(paginationToken);
	const qs: IDataObject = {
		voucherType: types.join(','),
		voucherStatus: statuses,
		sort: 'voucherDate,DESC',
		page: token.page,
		size: PAGE_SIZE,
	};
	const term = filter?.trim();
	if (term) qs.voucherNumber = term;
	const { appBaseUrl } = await getConnection(context);
	const envelope = await lexofficeBody<{ content?: IDataObject[]; last?: boolean }>(context, {
		method: 'GET',
		path: '/v1/voucherlist',
		qs,
	});
	const content = Array.isArray(envelope.content) ? envelope.content : [];
	const repeatedUpTo = token.lastId === undefined ? -1 : content.findIndex((entry) => String(entry.id) === token.lastId);
	const last = content[content.length - 1];
	const results = content.slice(repeatedUpTo + 1).map((voucher) => {
		const type = String(voucher.voucherType ?? types[0]);
		const number = voucher.voucherNumber ? String(voucher.voucherNumber) : 'Draft';
		const date = voucher.voucherDate ? String(voucher.voucherDate).slice(0, 10) : '';
		const prefix = types.length > 1 ? `${TYPE_NAMES[type] ?? type} ` : '';
		return {
			name: [`${prefix}${number}`, String(voucher.contactName ?? ''), date].filter(Boolean).join(' · '),
			value: String(voucher.id),
			// IDs from lexoffice's answer go into a URL only when they are IDs.
			url: isUuid(String(voucher.id)) ? `${appBaseUrl}/permalink/${PERMALINKS[type] ?? 'vouchers'}/view/${String(voucher.id)}` : undefined,
		};
	});
	const next =
		envelope.last === false ? `${token.page + 1}${last?.id === undefined ? '' : `:${String(last.id)}`}` : undefined;
	return { results, paginationToken: next };
}

type SearchMethod = (this: ILoadOptionsFunctions, filter?: string, token?: string) => Promise<INodeListSearchResult>;

/** A list search over some voucher types; `statuses` limits predecessors to finalized ones. */
function voucherSearch(types: string[], statuses?: string): SearchMethod {
	return async function (this: ILoadOptionsFunctions, filter?: string, token?: string) {
		return await searchVoucherList(this, types, filter, token, statuses);
	};
}

// Predecessors: lexoffice continues only finalized vouchers, so drafts are not offered.
const FINALIZED = 'open,paid,paidoff,voided,accepted,rejected';

export const voucherSearchMethods: Record<string, SearchMethod> = {
	searchQuotations: voucherSearch(['quotation']),
	searchOrderConfirmations: voucherSearch(['orderconfirmation']),
	searchDeliveryNotes: voucherSearch(['deliverynote']),
	searchCreditNotes: voucherSearch(['creditnote']),
	searchDownPaymentInvoices: voucherSearch(['downpaymentinvoice']),
	searchInvoicePredecessors: voucherSearch(['quotation', 'orderconfirmation'], FINALIZED),
	searchOrderConfirmationPredecessors: voucherSearch(['quotation'], FINALIZED),
	searchDeliveryNotePredecessors: voucherSearch(['quotation', 'orderconfirmation', 'invoice'], FINALIZED),
	searchCreditNotePredecessors: voucherSearch(['invoice'], FINALIZED),
	searchDunningPredecessors: voucherSearch(['invoice', 'downpaymentinvoice'], FINALIZED),
};
