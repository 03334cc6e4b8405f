import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { lexofficeBody } from '../transport';
import { categoryTypeFor } from './voucherBody';

export interface PostingCategory {
	id: string;
	name: string;
	type: 'income' | 'outgo';
	contactRequired?: boolean;
	splitAllowed?: boolean;
	groupName?: string;
}

// One list per node run: every item of a run books against the same categories.
const cache = new WeakMap<object, Promise<PostingCategory[]>>();

export async function fetchPostingCategories(context: IExecuteFunctions | ILoadOptionsFunctions): Promise<PostingCategory[]> {
	let pending = cache.get(context);
	if (!pending) {
		pending = lexofficeBody<PostingCategory[]>(context, { method: 'GET', path: '/v1/posting-categories' }).then(
			(list) => (Array.isArray(list) ? list : []),
		);
		cache.set(context, pending);
		pending.catch(() => cache.delete(context));
	}
	return await pending;
}

/**
 * Checks the chosen categories against lexoffice's list: they must exist, be of the kind the
 * voucher type books (income for sales, outgo for purchases), allow mixed tax rates if the
 * items mix them, and have a contact if they require one.
 */
export async function checkPostingCategories(
	context: IExecuteFunctions,
	itemIndex: number,
	voucherType: string,
	voucherItems: IDataObject[],
	hasContact: boolean,
): Promise<void> {
	const categories = await fetchPostingCategories(context);
	const byId = new Map(categories.map((category) => [category.id, category]));
	const wanted = categoryTypeFor(voucherType);
	const rates = new Set(voucherItems.map((item) => item.taxRatePercent));
	voucherItems.forEach((item, index) => {
		const label = `Voucher Items → Item ${index + 1} → Posting Category`;
		const category = byId.get(String(item.categoryId));
		const fail = (problem: string) =>
			new NodeOperationError(context.getNode(), `${label} ${problem} [item ${itemIndex}]`, { itemIndex });
		if (!category) throw fail(`(${String(item.categoryId)}) is not one of lexoffice’s posting categories`);
		if (category.type !== wanted) {
			throw fail(`"${category.name}" is an ${category.type} category, but a ${voucherType} needs an ${wanted} category`);
		}
		if (category.splitAllowed === false && rates.size > 1) {
			throw fail(`"${category.name}" does not allow items with different tax rates on one voucher`);
		}
		if (category.contactRequired && !hasContact) {
			throw fail(`"${category.name}" needs a contact; choose a contact instead of the collective contact`);
		}
	});
}
