import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { fetchPostingCategories } from '../helpers/postingCategories';
import { categoryTypeFor, VOUCHER_TYPES } from '../helpers/voucherBody';
import { getConnection, lexofficeBody } from '../transport';

const PAGE_SIZE = 50;

/** Posting categories for the chosen voucher type: income for sales, outgo for purchases. */
export async function getPostingCategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	let voucherType: string | undefined;
	try {
		voucherType = this.getCurrentNodeParameter('voucherType') as string | undefined;
	} catch {
		voucherType = undefined;
	}
	const wanted = voucherType ? categoryTypeFor(voucherType) : undefined;
	const categories = await fetchPostingCategories(this);
	return categories
		.filter((category) => !wanted || category.type === wanted)
		.map((category) => ({
			name: wanted ? category.name : `${category.name} (${category.type})`,
			value: category.id,
			description: [category.groupName, category.contactRequired ? 'needs a contact' : undefined].filter(Boolean).join(' · '),
		}))
		.sort((a, b) => a.name.localeCompare(b.name, 'de'));
}

/** Bookkeeping vouchers, newest first; the search text matches the voucher number. */
export async function searchVouchers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = paginationToken ? Number(paginationToken) : 0;
	const qs: IDataObject = {
		voucherType: VOUCHER_TYPES.join(','),
		voucherStatus: 'any',
		sort: 'voucherDate,DESC',
		page,
		size: PAGE_SIZE,
	};
	const term = filter?.trim();
	if (term) qs.voucherNumber = term;
	const { appBaseUrl } = await getConnection(this);
	const envelope = await lexofficeBody<{ content?: IDataObject[]; last?: boolean }>(this, {
		method: 'GET',
		path: '/v1/voucherlist',
		qs,
	});
	const results = (envelope.content ?? []).map((voucher) => {
		const parts = [
			voucher.voucherNumber ? String(voucher.voucherNumber) : 'No number',
			String(voucher.voucherType ?? ''),
			String(voucher.contactName ?? ''),
			voucher.voucherDate ? String(voucher.voucherDate).slice(0, 10) : '',
		].filter(Boolean);
		return {
			name: parts.join(' · '),
			value: String(voucher.id),
			url: `${appBaseUrl}/permalink/vouchers/view/${String(voucher.id)}`,
		};
	});
	return { results, paginationToken: envelope.last === false ? String(page + 1) : undefined };
}
