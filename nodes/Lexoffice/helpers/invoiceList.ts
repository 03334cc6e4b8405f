import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { berlinToday, dayNumber, dayText } from '../domain/dates';
import { lexofficePages, SEARCH_WINDOW, uniqueById } from '../transport';

export const VOUCHER_LIST_PATH = '/v1/voucherlist';

export const SORT_KEYS = ['voucherDate', 'voucherNumber', 'createdDate', 'updatedDate'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/**
 * The only sort lexoffice's voucher list accepts: anything else is answered with 400
 * "parameter 'sort' is invalid". Other keys are sorted here, after listing everything.
 */
const SERVER_SORT_KEY = 'voucherDate';

/** Where an unbounded voucher-date split starts and ends; older or later parts are fetched whole. */
export const SPLIT_START = '2000-01-01';
const SPLIT_END_DAYS_AHEAD = 366;

export interface VoucherListQuery {
	/** voucherType, voucherStatus and every filter except the voucher date range. */
	qs: IDataObject;
	/** The user's own voucher date bounds, `yyyy-MM-dd`, inclusive. */
	voucherDateFrom?: string;
	voucherDateTo?: string;
	sortKey: SortKey;
	descending: boolean;
	/** How messages name the listed documents, e.g. "quotations"; invoices by default. */
	plural?: string;
}

interface Part {
	items: IDataObject[];
	/** False when the search reached lexoffice's search window, so items are not all there. */
	complete: boolean;
}

function sortParam(query: VoucherListQuery): string {
	return `${SERVER_SORT_KEY},${query.descending ? 'DESC' : 'ASC'}`;
}

function rangeQs(query: VoucherListQuery, from?: string, to?: string): IDataObject {
	const qs: IDataObject = { ...query.qs, sort: sortParam(query) };
	if (from) qs.voucherDateFrom = from;
	if (to) qs.voucherDateTo = to;
	return qs;
}

/**
 * Fetches one search completely, or learns from its first page that it is too large:
 * lexoffice reports totalElements (capped at the window) on every page, so a search
 * that must be split costs one request, not forty.
 */
async function fetchPart(context: IExecuteFunctions, itemIndex: number, qs: IDataObject): Promise<Part> {
	const result = await lexofficePages(context, VOUCHER_LIST_PATH, qs, { itemIndex, stopAtWindow: true });
	return { items: result.items, complete: !result.reachedSearchWindow };
}

function tooManyError(
	context: IExecuteFunctions,
	itemIndex: number,
	what: string,
	plural = 'invoices',
): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`More than ${SEARCH_WINDOW.toLocaleString('en')} ${plural} ${what}; lexoffice lists at most ${SEARCH_WINDOW.toLocaleString('en')} per search and this one cannot be split further [item ${itemIndex}]`,
		{
			itemIndex,
			description: 'Narrow the search with filters such as Status, Contact ID or Created Date, or run it per status.',
		},
	);
}

interface RangePart {
	/** Day numbers, inclusive; undefined is open-ended. */
	from?: number;
	to?: number;
	items: IDataObject[];
}

/**
 * Halves the day range until each half fits lexoffice's search window. Halves are
 * inclusive whole days and adjacent without overlap ([a, m] and [m + 1, b]), so every
 * invoice falls into exactly one part.
 */
async function collectRange(
	context: IExecuteFunctions,
	itemIndex: number,
	query: VoucherListQuery,
	from: number,
	to: number,
	parts: RangePart[],
): Promise<void> {
	const part = await fetchPart(context, itemIndex, rangeQs(query, dayText(from), dayText(to)));
	if (part.complete) {
		parts.push({ from, to, items: part.items });
		return;
	}
	if (from >= to) throw tooManyError(context, itemIndex, `have the voucher date ${dayText(from)}`, query.plural);
	const middle = from + Math.floor((to - from) / 2);
	await collectRange(context, itemIndex, query, from, middle, parts);
	await collectRange(context, itemIndex, query, middle + 1, to, parts);
}

function sortValue(item: IDataObject, key: SortKey): number | string | undefined {
	const value = item[key];
	if (value === undefined || value === null || value === '') return undefined;
	if (key === 'voucherNumber') return String(value);
	const time = Date.parse(String(value));
	return Number.isNaN(time) ? String(value) : time;
}

/** Missing values sort last ascending and first descending, as databases usually do. */
export function compareVouchers(a: IDataObject, b: IDataObject, key: SortKey, descending: boolean): number {
	const left = sortValue(a, key);
	const right = sortValue(b, key);
	let result: number;
	if (left === undefined || right === undefined) {
		result = left === right ? 0 : left === undefined ? 1 : -1;
	} else if (typeof left === 'number' && typeof right === 'number') {
		result = left - right;
	} else {
		// Voucher numbers compare as text, as a database orders them.
		result = String(left) < String(right) ? -1 : String(left) > String(right) ? 1 : 0;
	}
	return descending ? -result : result;
}

/**
 * Joins parts into one list in the order asked for, without duplicates (the same invoice
 * can show up twice if it changed between two requests). Parts come in lexoffice's voucher
 * date order, and for that key are passed already in range order. Every other key is
 * sorted here; the sort is stable, so ties keep the voucher date order.
 */
export function mergeParts(parts: IDataObject[][], key: SortKey, descending: boolean): IDataObject[] {
	const merged = uniqueById(parts);
	return key === SERVER_SORT_KEY ? merged : merged.sort((a, b) => compareVouchers(a, b, key, descending));
}

/**
 * Every matching invoice, even beyond lexoffice's 10,000-entry search window: a search
 * that reaches the window is split by voucher date into parts that fit, and the parts are
 * merged without duplicates in the order asked for.
 */
export async function listAllVouchers(
	context: IExecuteFunctions,
	itemIndex: number,
	query: VoucherListQuery,
): Promise<IDataObject[]> {
	const whole = await fetchPart(context, itemIndex, rangeQs(query, query.voucherDateFrom, query.voucherDateTo));
	if (whole.complete) return mergeParts([whole.items], query.sortKey, query.descending);

	const start = dayNumber(query.voucherDateFrom ?? SPLIT_START);
	const end = query.voucherDateTo ? dayNumber(query.voucherDateTo) : dayNumber(berlinToday()) + SPLIT_END_DAYS_AHEAD;
	const parts: RangePart[] = [];
	// Without a lower or upper bound from the user, the split covers a fixed span; invoices
	// dated outside it are fetched as one open-ended part on each side.
	if (!query.voucherDateFrom) {
		const before = await fetchPart(context, itemIndex, rangeQs(query, undefined, dayText(start - 1)));
		if (!before.complete) throw tooManyError(context, itemIndex, `are dated before ${dayText(start)}`, query.plural);
		parts.push({ to: start - 1, items: before.items });
	}
	if (start <= end) await collectRange(context, itemIndex, query, start, end, parts);
	if (!query.voucherDateTo) {
		const after = await fetchPart(context, itemIndex, rangeQs(query, dayText(end + 1), undefined));
		if (!after.complete) throw tooManyError(context, itemIndex, `are dated after ${dayText(end)}`, query.plural);
		parts.push({ from: end + 1, items: after.items });
	}

	const position = (part: RangePart) => part.from ?? Number.NEGATIVE_INFINITY;
	parts.sort((a, b) => (query.descending ? position(b) - position(a) : position(a) - position(b)));
	// The parts are disjoint date ranges: in range order they are already in voucher date order.
	return mergeParts(
		parts.map((part) => part.items),
		query.sortKey,
		query.descending,
	);
}

/**
 * Up to `limit` invoices in the order asked for. Past the window, or sorted by a key
 * lexoffice cannot sort by, it lists everything first: the first N by voucher number are
 * only known once all are in.
 */
export async function listVouchers(
	context: IExecuteFunctions,
	itemIndex: number,
	query: VoucherListQuery,
	limit?: number,
): Promise<IDataObject[]> {
	if (limit === undefined || limit > SEARCH_WINDOW || query.sortKey !== SERVER_SORT_KEY) {
		const all = await listAllVouchers(context, itemIndex, query);
		return limit === undefined ? all : all.slice(0, limit);
	}
	const { items } = await lexofficePages(
		context,
		VOUCHER_LIST_PATH,
		rangeQs(query, query.voucherDateFrom, query.voucherDateTo),
		{ limit, itemIndex },
	);
	return items.slice(0, limit);
}
