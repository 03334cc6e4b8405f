import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ARTICLE_TYPES, gtinProblem } from '../../helpers/articleBody';
import { inputError, readListLimit, readText } from '../../helpers/validation';
import type { PagedResult } from '../../transport';
import { lexofficePages } from '../../transport';
import { returnAllAndLimit, searchLimitOption } from '../common.descriptions';
import { reportSearchLimit } from '../../helpers/searchLimit';
import type { Operation } from '../types';
import { typeOptions } from './articleFields';

const show = { resource: ['article'], operation: ['getAll'] };

/** lexoffice refuses article pages smaller than this. */
const MIN_PAGE_SIZE = 25;

const description: INodeProperties[] = [
	...returnAllAndLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Each filter must match exactly; lexoffice has no text search for articles',
		displayOptions: { show },
		options: [
			{ displayName: 'Article Number', name: 'articleNumber', type: 'string', default: '', placeholder: 'e.g. ART-1001' },
			{ displayName: 'GTIN', name: 'gtin', type: 'string', default: '', placeholder: 'e.g. 4006381333931' },
			{ displayName: 'Type', name: 'type', type: 'options', options: typeOptions, default: 'PRODUCT' },
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			searchLimitOption(
				'At most 10,000 articles can be listed for one lexoffice search. The node first splits the search by type (products, services); this says what happens if a part is still too large.',
			),
		],
	},
];

interface PreparedGetAll {
	qs: IDataObject;
	limit?: number;
	onSearchLimit: 'warn' | 'fail';
}

async function listArticles(
	context: IExecuteFunctions,
	itemIndex: number,
	prepared: PreparedGetAll,
): Promise<{ items: IDataObject[]; incomplete: boolean }> {
	const path = '/v1/articles';
	const canSplit = prepared.limit === undefined && prepared.qs.type === undefined;
	const first = await lexofficePages(context, path, prepared.qs, {
		limit: prepared.limit,
		itemIndex,
		stopAtWindow: canSplit,
		minPageSize: MIN_PAGE_SIZE,
	});
	if (!first.reachedSearchWindow || !canSplit) {
		return { items: first.items.slice(0, prepared.limit), incomplete: first.reachedSearchWindow && prepared.limit === undefined };
	}
	// Too many for one search: every article is a product or a service, so the two
	// type searches together cover the same articles without overlap.
	const parts: PagedResult[] = [];
	for (const type of ARTICLE_TYPES) {
		parts.push(await lexofficePages(context, path, { ...prepared.qs, type }, { itemIndex, minPageSize: MIN_PAGE_SIZE }));
	}
	const seen = new Set<string>();
	const items: IDataObject[] = [];
	for (const part of parts) {
		for (const article of part.items) {
			const id = String(article.id);
			if (!seen.has(id)) {
				seen.add(id);
				items.push(article);
			}
		}
	}
	return { items, incomplete: parts.some((part) => part.reachedSearchWindow) };
}

export const getAll: Operation<PreparedGetAll> = {
	description,
	prepare(context, itemIndex) {
		const limit = readListLimit(context, itemIndex);
		const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const qs: IDataObject = {};
		const articleNumber = readText(context, itemIndex, 'Filters → Article Number', filters.articleNumber, { maxLength: 255 });
		if (articleNumber) qs.articleNumber = articleNumber;
		const gtin = readText(context, itemIndex, 'Filters → GTIN', filters.gtin, { maxLength: 14 });
		if (gtin) {
			const problem = gtinProblem(gtin);
			if (problem) throw inputError(context, itemIndex, 'Filters → GTIN', problem);
			qs.gtin = gtin;
		}
		const type = readText(context, itemIndex, 'Filters → Type', filters.type);
		if (type) {
			if (!(ARTICLE_TYPES as readonly string[]).includes(type.toUpperCase())) {
				throw inputError(context, itemIndex, 'Filters → Type', `must be PRODUCT or SERVICE, not "${type.slice(0, 40)}"`);
			}
			qs.type = type.toUpperCase();
		}
		return { qs, limit, onSearchLimit: options.onSearchLimit === 'fail' ? 'fail' : 'warn' };
	},
	async execute(context, itemIndex, prepared) {
		const { items, incomplete } = await listArticles(context, itemIndex, prepared);
		if (incomplete) reportSearchLimit(context, itemIndex, prepared.onSearchLimit, 'articles', 'Narrow the search with the Type, Article Number or GTIN filter.');
		return items.map((json) => ({ json }));
	},
};
