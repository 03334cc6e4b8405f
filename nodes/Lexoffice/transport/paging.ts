import type { IDataObject } from 'n8n-workflow';

import type { LexofficeContext } from './connection';
import { lexofficeBody } from './request';

/** lexoffice's largest page. */
export const MAX_PAGE_SIZE = 250;

/** lexoffice never lists past this many entries of one search. */
export const SEARCH_WINDOW = 10_000;

interface PageEnvelope {
	content?: IDataObject[];
	last?: boolean;
	totalElements?: number;
	totalPages?: number;
}

export interface PagedResult {
	items: IDataObject[];
	/** As lexoffice reported it: capped at the search window. */
	totalElements: number;
	/** The search matched at least as many entries as lexoffice will list. */
	reachedSearchWindow: boolean;
}

/**
 * Keeps the first entry of each id. Entries without an id are all kept: nothing tells
 * two of them apart.
 */
export class UniqueById {
	private readonly seen = new Set<string>();

	/** True the first time an id is offered. */
	add(entry: IDataObject): boolean {
		if (entry?.id === undefined || entry.id === null) return true;
		const id = String(entry.id);
		if (this.seen.has(id)) return false;
		this.seen.add(id);
		return true;
	}
}

/** The entries of several lists, each id once, in the order given. */
export function uniqueById(lists: IDataObject[][]): IDataObject[] {
	const unique = new UniqueById();
	return lists.flat().filter((entry) => unique.add(entry));
}

/**
 * Walks lexoffice's 0-based pages until the last one or until `limit` items are in.
 * Pages are fetched one after another: the rate limit allows no parallelism anyway.
 * A record created or changed during the walk shifts lexoffice's pages, so an entry can
 * come again on the next page; each id is returned once, and `limit` counts distinct ones.
 */
export async function lexofficePages(
	context: LexofficeContext,
	path: string,
	qs: IDataObject,
	options: {
		limit?: number;
		itemIndex?: number;
		/** Give up after the first page when the search reaches the window (the caller will split it). */
		stopAtWindow?: boolean;
		/** The smallest page the endpoint accepts (articles refuse sizes below 25). */
		minPageSize?: number;
	} = {},
): Promise<PagedResult> {
	const limit = options.limit;
	const size = limit !== undefined ? Math.max(options.minPageSize ?? 1, Math.min(limit, MAX_PAGE_SIZE)) : MAX_PAGE_SIZE;
	const items: IDataObject[] = [];
	const unique = new UniqueById();
	let totalElements = 0;
	for (let page = 0; ; page++) {
		const envelope = await lexofficeBody<PageEnvelope>(
			context,
			{ method: 'GET', path, qs: { ...qs, page, size } },
			{ itemIndex: options.itemIndex },
		);
		const content = Array.isArray(envelope?.content) ? envelope.content : [];
		totalElements = Number(envelope?.totalElements ?? items.length + content.length);
		if (page === 0 && options.stopAtWindow && totalElements >= SEARCH_WINDOW) {
			return { items: [], totalElements, reachedSearchWindow: true };
		}
		for (const entry of content) {
			if (!unique.add(entry)) continue;
			items.push(entry);
			if (limit !== undefined && items.length >= limit) {
				return { items, totalElements, reachedSearchWindow: totalElements >= SEARCH_WINDOW };
			}
		}
		const totalPages = Number(envelope?.totalPages ?? 0);
		const isLast =
			envelope?.last === true ||
			content.length === 0 ||
			(totalPages > 0 && page + 1 >= totalPages) ||
			(page + 1) * size >= SEARCH_WINDOW;
		if (isLast) break;
	}
	return { items, totalElements, reachedSearchWindow: totalElements >= SEARCH_WINDOW };
}
