// The lexoffice article (facts part 2 §4) as plain data: reading what the user typed, the
// GTIN check digit, and the bodies for POST and PUT. No n8n here; problems are returned.

import type { Problem } from '../domain/problems';

export const ARTICLE_TYPES = ['PRODUCT', 'SERVICE'] as const;
export const LEADING_PRICES = ['NET', 'GROSS'] as const;
export const ARTICLE_TAX_RATES = [0, 7, 19] as const;

export interface ArticleInput {
	title?: string;
	type?: string;
	unitName?: string;
	leadingPrice?: string;
	price?: number;
	taxRate?: number;
	articleNumber?: string;
	gtin?: string;
	description?: string;
	note?: string;
}

/** Labels of the form fields, so a problem names what the user sees. */
export type ArticleLabels = Record<keyof ArticleInput, string>;

const MAX_AMOUNT_TEXT = 30;

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** GTIN-8, -12, -13 or -14 with a correct GS1 check digit; undefined when valid. */
export function gtinProblem(value: string): string | undefined {
	if (![8, 12, 13, 14].includes(value.length) || !/^\d+$/.test(value)) {
		return `must be a GTIN of 8, 12, 13 or 14 digits, not "${value.slice(0, 30)}"`;
	}
	const digits = [...value].map(Number);
	const check = digits.pop() as number;
	let sum = 0;
	digits.reverse().forEach((digit, index) => {
		sum += digit * (index % 2 === 0 ? 3 : 1);
	});
	const expected = (10 - (sum % 10)) % 10;
	return expected === check ? undefined : `has a wrong check digit: "${value}" should end in ${expected}`;
}

/** An amount of at most 4 decimals, as a number or a plain decimal text with a dot. */
export function parseAmount(value: unknown): { value?: number; problem?: string; hint?: string } {
	if (typeof value === 'number') {
		if (!Number.isFinite(value) || value < 0) return { problem: `must be a non-negative amount, not ${value}` };
		const [, decimals = ''] = String(value).split('.');
		if (String(value).includes('e') || decimals.length > 4) return { problem: `has more than 4 decimal places (${value})` };
		return { value };
	}
	if (typeof value !== 'string') return { problem: 'must be a number, but the expression produced an object or a list' };
	const text = value.trim();
	if (text.length > MAX_AMOUNT_TEXT) return { problem: 'is too long for an amount' };
	if (text.includes(',')) {
		return {
			problem: `"${text}" contains a comma`,
			hint: 'A comma could be a decimal or a thousands separator; write the amount with a dot, e.g. 11.90.',
		};
	}
	if (!/^\d+(\.\d{1,4})?$/.test(text)) return { problem: `must be an amount with at most 4 decimals such as 11.90, not "${text}"` };
	return { value: Number(text) };
}

function readString(raw: unknown, field: string, problems: Problem[]): string | undefined {
	if (isBlank(raw)) return undefined;
	if (typeof raw === 'object') {
		problems.push({ field, problem: 'must be text, but the expression produced an object or a list' });
		return undefined;
	}
	return String(raw).trim();
}

/** Reads the fields present in `raw` (absent ones stay undefined: nothing is defaulted). */
export function readArticleInput(raw: Record<string, unknown>, labels: ArticleLabels): { input: ArticleInput; problems: Problem[] } {
	const problems: Problem[] = [];
	const input: ArticleInput = {};
	for (const key of ['title', 'unitName', 'articleNumber', 'description', 'note'] as const) {
		const text = readString(raw[key], labels[key], problems);
		if (text !== undefined) input[key] = text;
	}
	const type = readString(raw.type, labels.type, problems);
	if (type !== undefined) {
		const upper = type.toUpperCase();
		if ((ARTICLE_TYPES as readonly string[]).includes(upper)) input.type = upper;
		else problems.push({ field: labels.type, problem: `must be PRODUCT or SERVICE, not "${type.slice(0, 40)}"` });
	}
	const leading = readString(raw.leadingPrice, labels.leadingPrice, problems);
	if (leading !== undefined) {
		const upper = leading.toUpperCase();
		if ((LEADING_PRICES as readonly string[]).includes(upper)) input.leadingPrice = upper;
		else problems.push({ field: labels.leadingPrice, problem: `must be NET or GROSS, not "${leading.slice(0, 40)}"` });
	}
	if (!isBlank(raw.price)) {
		const amount = parseAmount(raw.price);
		if (amount.problem) problems.push({ field: labels.price, problem: amount.problem, hint: amount.hint });
		else input.price = amount.value;
	}
	if (!isBlank(raw.taxRate)) {
		const rate = Number(raw.taxRate);
		if (typeof raw.taxRate === 'object' || !(ARTICLE_TAX_RATES as readonly number[]).includes(rate)) {
			problems.push({ field: labels.taxRate, problem: `must be 0, 7 or 19 (lexoffice's article tax rates), not ${JSON.stringify(raw.taxRate)}` });
		} else input.taxRate = rate;
	}
	const gtin = readString(raw.gtin, labels.gtin, problems);
	if (gtin !== undefined) {
		const problem = gtinProblem(gtin);
		if (problem) problems.push({ field: labels.gtin, problem });
		else input.gtin = gtin;
	}
	return { input, problems };
}

/** What a new article needs before lexoffice is asked. */
export function missingForCreate(input: ArticleInput, labels: ArticleLabels): Problem[] {
	const required = ['title', 'type', 'unitName', 'leadingPrice', 'price', 'taxRate'] as const;
	return required.filter((key) => input[key] === undefined).map((key) => ({ field: labels[key], problem: 'is required' }));
}

function priceBody(leadingPrice: string, price: number, taxRate: number): Record<string, unknown> {
	// Only the leading price is sent: lexoffice computes the other one.
	return leadingPrice === 'GROSS' ? { grossPrice: price, leadingPrice, taxRate } : { netPrice: price, leadingPrice, taxRate };
}

const TEXT_KEYS = ['articleNumber', 'gtin', 'description', 'note'] as const;

export function buildNewArticle(input: ArticleInput): Record<string, unknown> {
	const body: Record<string, unknown> = {
		title: input.title,
		type: input.type,
		unitName: input.unitName,
		price: priceBody(input.leadingPrice as string, input.price as number, input.taxRate as number),
	};
	for (const key of TEXT_KEYS) if (input[key] !== undefined) body[key] = input[key];
	return body;
}

/** Fields lexoffice sets itself; they are not sent back on PUT. */
const READ_ONLY = ['id', 'organizationId', 'createdDate', 'updatedDate', 'archived', 'resourceUri'];

/**
 * The PUT body: the stored article with only the given fields changed. Unknown fields are
 * kept, the version read is sent back. A changed tax rate or leading price keeps the
 * leading amount; with a new leading price and no amount, the stored amount of that kind leads.
 */
export function applyArticleChanges(stored: Record<string, unknown>, input: ArticleInput): Record<string, unknown> {
	const body: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(stored)) if (!READ_ONLY.includes(key)) body[key] = value;
	for (const key of ['title', 'type', 'unitName', ...TEXT_KEYS] as const) if (input[key] !== undefined) body[key] = input[key];
	const price = (stored.price ?? {}) as Record<string, unknown>;
	const leadingPrice = input.leadingPrice ?? String(price.leadingPrice ?? 'NET');
	const storedAmount = Number(leadingPrice === 'GROSS' ? price.grossPrice : price.netPrice);
	const amount = input.price ?? storedAmount;
	const taxRate = input.taxRate ?? Number(price.taxRate);
	body.price = { ...priceBody(leadingPrice, amount, taxRate) };
	return body;
}

export function hasChanges(input: ArticleInput): boolean {
	return Object.values(input).some((value) => value !== undefined);
}
