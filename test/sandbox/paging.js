'use strict';

// Pageable envelope shared by /v1/contacts and /v1/voucherlist, with the search window.

const MAX_SIZE = 250;
const DEFAULT_SIZE = 25;
const WINDOW_MESSAGE = 'Maximum search window size exceeded';

function parseIntParam(value) {
	if (value === undefined) return undefined;
	if (Array.isArray(value) || !/^\d+$/.test(value)) return NaN;
	return Number(value);
}

/**
 * Returns {page, size} or {error: 'page'|'size'|'window'}.
 */
function parsePaging(query, searchWindow) {
	const page = parseIntParam(query.page);
	const size = parseIntParam(query.size);
	if (Number.isNaN(page)) return { error: 'page' };
	if (Number.isNaN(size) || size === 0 || size > MAX_SIZE) return { error: 'size' };
	const p = page ?? 0;
	const s = size ?? DEFAULT_SIZE;
	if ((p + 1) * s > searchWindow) return { error: 'window' };
	return { page: p, size: s };
}

function sortEntry(property, direction) {
	return { direction, property, ignoreCase: false, nullHandling: 'NATIVE', ascending: direction === 'ASC' };
}

/** Builds the envelope for one page of an already sorted list. */
function envelope(items, page, size, searchWindow, sort) {
	const totalElements = Math.min(items.length, searchWindow);
	const totalPages = Math.ceil(totalElements / size);
	const start = page * size;
	const content = start >= totalElements ? [] : items.slice(start, Math.min(start + size, totalElements));
	return {
		content,
		first: page === 0,
		last: page >= totalPages - 1,
		totalPages,
		totalElements,
		numberOfElements: content.length,
		size,
		number: page,
		sort,
	};
}

module.exports = { parsePaging, envelope, sortEntry, MAX_SIZE, DEFAULT_SIZE, WINDOW_MESSAGE };
