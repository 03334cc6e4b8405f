import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { encodeSearchTerm } from '../actions/contact/getAll.operation';
import { isUuid } from '../helpers/validation';
import { getConnection, lexofficeApiRequest } from '../transport';

const PAGE_SIZE = 50;

function contactName(contact: IDataObject): string {
	const company = contact.company as IDataObject | undefined;
	if (company?.name) return String(company.name);
	const person = (contact.person ?? {}) as IDataObject;
	return [person.firstName, person.lastName].filter(Boolean).join(' ') || String(contact.id);
}

function contactNumber(contact: IDataObject): string {
	const roles = (contact.roles ?? {}) as Record<string, IDataObject | undefined>;
	const number = roles.customer?.number ?? roles.vendor?.number;
	return number !== undefined ? ` (${String(number)})` : '';
}

async function listContactsForSearch(
	context: ILoadOptionsFunctions,
	filter: string | undefined,
	paginationToken: string | undefined,
	roleFilter: IDataObject,
): Promise<INodeListSearchResult> {
	const page = paginationToken ? Number(paginationToken) : 0;
	const qs: IDataObject = { ...roleFilter, page, size: PAGE_SIZE };
	const term = filter?.trim();
	if (term && term.length >= 3) qs.name = encodeSearchTerm(term);
	const { appBaseUrl } = await getConnection(context);
	const envelope = await lexofficeApiRequest<{ content?: IDataObject[]; last?: boolean }>(context, {
		method: 'GET',
		path: '/v1/contacts',
		qs,
	});
	const results = (envelope.content ?? []).map((contact) => ({
		name: `${contactName(contact)}${contactNumber(contact)}`,
		value: String(contact.id),
		// IDs from lexoffice's answer go into a URL only when they are IDs.
		url: isUuid(String(contact.id)) ? `${appBaseUrl}/permalink/contacts/view/${String(contact.id)}` : undefined,
	}));
	return { results, paginationToken: envelope.last === false ? String(page + 1) : undefined };
}

export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await listContactsForSearch(this, filter, paginationToken, {});
}

/** Invoice recipients: lexoffice accepts only contacts with the customer role. */
export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await listContactsForSearch(this, filter, paginationToken, { customer: true });
}

export async function searchInvoices(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = paginationToken ? Number(paginationToken) : 0;
	const qs: IDataObject = {
		voucherType: 'invoice',
		voucherStatus: 'any',
		sort: 'voucherDate,DESC',
		page,
		size: PAGE_SIZE,
	};
	const term = filter?.trim();
	if (term) qs.voucherNumber = term;
	const { appBaseUrl } = await getConnection(this);
	const envelope = await lexofficeApiRequest<{ content?: IDataObject[]; last?: boolean }>(this, {
		method: 'GET',
		path: '/v1/voucherlist',
		qs,
	});
	const results = (envelope.content ?? []).map((voucher) => {
		const number = voucher.voucherNumber ? String(voucher.voucherNumber) : 'Draft';
		const date = voucher.voucherDate ? String(voucher.voucherDate).slice(0, 10) : '';
		return {
			name: `${number} · ${String(voucher.contactName ?? '')} · ${date}`.replace(/ · $/, ''),
			value: String(voucher.id),
			url: isUuid(String(voucher.id)) ? `${appBaseUrl}/permalink/invoices/view/${String(voucher.id)}` : undefined,
		};
	});
	return { results, paginationToken: envelope.last === false ? String(page + 1) : undefined };
}
