import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { encodeSearchTerm } from '../actions/contact/getAll.operation';
import { isUuid } from '../helpers/validation';
import { getConnection, lexofficeBody } from '../transport';
import { searchVoucherList } from './voucherSearch';

const PAGE_SIZE = 50;
/** The article list takes pages of 25 to 250. */
const ARTICLE_PAGE_SIZE = 250;

/**
 * The editor asks for each page of a searchable list separately, so the page number and
 * the id of the last entry shown travel in the pagination token. A record created in
 * between shifts lexoffice's pages: the entries already shown come again at the start of
 * the next page, up to and including that last id, and are left out.
 */
function readToken(token: string | undefined): { page: number; lastId?: string } {
	if (!token) return { page: 0 };
	const separator = token.indexOf(':');
	const page = Number(separator < 0 ? token : token.slice(0, separator));
	if (!Number.isInteger(page) || page < 0) return { page: 0 };
	return { page, lastId: separator < 0 ? undefined : token.slice(separator + 1) };
}

function pageAfter(
	envelope: { content?: IDataObject[]; last?: boolean },
	token: { page: number; lastId?: string },
): { entries: IDataObject[]; paginationToken?: string } {
	const content = Array.isArray(envelope.content) ? envelope.content : [];
	const repeatedUpTo = token.lastId === undefined ? -1 : content.findIndex((entry) => String(entry.id) === token.lastId);
	const entries = content.slice(repeatedUpTo + 1);
	const last = content[content.length - 1];
	const paginationToken =
		envelope.last === false ? `${token.page + 1}${last?.id === undefined ? '' : `:${String(last.id)}`}` : undefined;
	return { entries, paginationToken };
}

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
	const token = readToken(paginationToken);
	const qs: IDataObject = { ...roleFilter, page: token.page, size: PAGE_SIZE };
	const term = filter?.trim();
	if (term && term.length >= 3) qs.name = encodeSearchTerm(term);
	const { appBaseUrl } = await getConnection(context);
	const envelope = await lexofficeBody<{ content?: IDataObject[]; last?: boolean }>(context, {
		method: 'GET',
		path: '/v1/contacts',
		qs,
	});
	const { entries, paginationToken: next } = pageAfter(envelope, token);
	const results = entries.map((contact) => ({
		name: `${contactName(contact)}${contactNumber(contact)}`,
		value: String(contact.id),
		// IDs from lexoffice's answer go into a URL only when they are IDs.
		url: isUuid(String(contact.id)) ? `${appBaseUrl}/permalink/contacts/view/${String(contact.id)}` : undefined,
	}));
	return { results, paginationToken: next };
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

/** Invoices, newest first; the same voucher list search as every sales document picker. */
export async function searchInvoices(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchVoucherList(this, ['invoice'], filter, paginationToken);
}

/**
 * Articles by title. lexoffice's article list has exact filters only, so a search term is
 * tried as an article number and as a GTIN first, then matched in the titles of the pages read.
 */
export async function searchArticles(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = paginationToken ? Number(paginationToken) : 0;
	const term = filter?.trim().toLowerCase() ?? '';
	const envelope = await lexofficeBody<{ content?: IDataObject[]; last?: boolean }>(this, {
		method: 'GET',
		path: '/v1/articles',
		qs: { page, size: ARTICLE_PAGE_SIZE },
	});
	const results = (envelope.content ?? [])
		.filter((article) =>
			!term ||
			String(article.title ?? '').toLowerCase().includes(term) ||
			String(article.articleNumber ?? '').toLowerCase() === term ||
			String(article.gtin ?? '') === term,
		)
		.map((article) => ({
			name: `${String(article.title ?? article.id)}${article.articleNumber ? ` (${String(article.articleNumber)})` : ''}`,
			value: String(article.id),
		}));
	return { results, paginationToken: envelope.last === false ? String(page + 1) : undefined };
}
