import type { Checked } from './problems';
import { invalid, valid } from './problems';

/**
 * Amounts, quantities and percentages as exact decimals.
 *
 * The rule for text (numbers from JSON or expressions are read as they are):
 * - digits with at most one decimal separator, a dot or a comma: `1500`, `1.5`, `1,5`, `-0,25`;
 * - no thousands separators: `1.500,00`, `1,500.00`, `1 500` and `1'500` are refused;
 * - one separator followed by exactly three digits after one to three digits that do not
 *   start with 0 (`1,500`, `1.500`, `12.345`) is refused: it reads as 1.5 in one country and
 *   1500 in the other. `0.125`, `1500.125` and `1.25` are unambiguous and read;
 * - an exponent (`1.5e3`) is read; text longer than 64 characters is refused before any
 *   pattern runs.
 */
export const MAX_NUMBER_TEXT = 64;

/** Decimal places lexoffice keeps: unit prices and quantities 4, amounts and percentages 2. */
export const DECIMALS = { unitPrice: 4, quantity: 4, amount: 2, percentage: 2 } as const;

export interface Decimal {
	value: number;
	/** The normalised decimal text, e.g. "1500.5". */
	text: string;
}

const HOW_TO_WRITE =
	'Write the number without thousands separators and with a dot or a comma before the decimals, e.g. 1500, 1500.5 or 1500,5.';

const INTEGER = /^[+-]?\d+$/;
const ONE_SEPARATOR = /^([+-]?)(\d*)([.,])(\d*)$/;
const EXPONENT = /^([+-]?)(\d*)(?:\.(\d*))?e([+-]?\d+)$/i;
const PLAIN = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Writes "1.5e-7" style numbers out in plain digits, so decimals can be counted. */
function expandExponent(match: RegExpExecArray): string | undefined {
	const exponent = Number(match[4]);
	if (Math.abs(exponent) > 40) return undefined;
	const intDigits = match[2] ?? '';
	const fracDigits = match[3] ?? '';
	if (!intDigits && !fracDigits) return undefined;
	let digits = intDigits + fracDigits;
	let point = intDigits.length + exponent;
	if (point < 0) {
		digits = '0'.repeat(-point) + digits;
		point = 0;
	}
	if (point > digits.length) digits = digits.padEnd(point, '0');
	const fraction = digits.slice(point);
	return `${match[1]}${digits.slice(0, point) || '0'}${fraction ? `.${fraction}` : ''}`;
}

/** A number's own digits, without binary artefacts (0.1 + 0.2 is 0.3 at 15 significant digits). */
function numberText(value: number): string | undefined {
	const text = String(Number(value.toPrecision(15)));
	const exponent = EXPONENT.exec(text);
	return exponent ? expandExponent(exponent) : text;
}

/** Reads text under the rule above into plain decimal text with a dot, or says why not. */
function textToDecimal(raw: string): Checked<string> {
	const text = raw.trim();
	if (text.length > MAX_NUMBER_TEXT) {
		return invalid(`is ${text.length} characters long, too long for a number`, HOW_TO_WRITE);
	}
	if (INTEGER.test(text)) return valid(text);
	const single = ONE_SEPARATOR.exec(text);
	if (single) {
		const [, sign, integer, separator, fraction] = single;
		if (!integer && !fraction) return invalid(`must be a number, not "${text}"`, HOW_TO_WRITE);
		if (fraction.length === 3 && integer.length >= 1 && integer.length <= 3 && !integer.startsWith('0')) {
			const minus = sign === '-' ? '-' : '';
			const asDecimal = `${minus}${`${integer}.${fraction}`.replace(/0+$/, '').replace(/\.$/, '')}`;
			const asWhole = `${minus}${integer}${fraction}`;
			return invalid(
				`"${text}" is ambiguous: it could mean ${asDecimal} or ${asWhole}. Write ${asWhole} for the whole number, or ${asDecimal} for the decimal`,
				`A ${separator === ',' ? 'comma' : 'dot'} followed by exactly three digits is a thousands separator in some countries and a decimal separator in others. ${HOW_TO_WRITE}`,
			);
		}
		return valid(`${sign}${integer || '0'}.${fraction}`);
	}
	const exponent = EXPONENT.exec(text);
	if (exponent) {
		const expanded = expandExponent(exponent);
		return expanded === undefined ? invalid(`is out of range (${text})`) : valid(expanded);
	}
	if (/^[+-]?\d{1,3}(?:[.,' ]\d{3})+(?:[.,]\d*)?$/.test(text)) {
		return invalid(`uses thousands separators ("${text}"), which this node does not guess at`, HOW_TO_WRITE);
	}
	return invalid(`must be a number, not "${text.slice(0, 40)}"`, HOW_TO_WRITE);
}

/**
 * Reads a number or a number as text into an exact decimal. More decimals than
 * `maxDecimals` are refused rather than rounded, so no amount changes silently.
 * Returns undefined for an empty value.
 */
export function parseDecimal(value: unknown, maxDecimals: number): Checked<Decimal> | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let text: string | undefined;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return invalid('must be a number');
		text = numberText(value);
		if (text === undefined) return invalid('is out of range');
	} else if (typeof value === 'string') {
		if (!value.trim()) return undefined;
		const read = textToDecimal(value);
		if (!read.ok) return read;
		text = read.value;
	} else if (typeof value === 'object') {
		return invalid('must be a number, not an object or a list');
	} else {
		return invalid(`must be a number, not "${String(value).slice(0, 40)}"`);
	}
	const match = PLAIN.exec(text);
	if (!match) return invalid(`must be a number, not "${text.slice(0, 40)}"`, HOW_TO_WRITE);
	const integer = (match[2] ?? '').replace(/^0+(?=\d)/, '') || '0';
	const fraction = (match[3] ?? '').replace(/0+$/, '');
	if (fraction.length > maxDecimals) {
		return invalid(
			`has ${fraction.length} decimal places (${text}); lexoffice allows at most ${maxDecimals}${maxDecimals === 0 ? ', a whole number' : ''}. Round it before it reaches this node`,
		);
	}
	if (!Number.isSafeInteger(Number(integer + fraction.padEnd(maxDecimals, '0')))) {
		return invalid(`is too large (${text})`);
	}
	const negative = match[1] === '-' && (integer !== '0' || fraction !== '');
	const normalized = `${negative ? '-' : ''}${integer}${fraction ? `.${fraction}` : ''}`;
	return valid({ value: Number(normalized), text: normalized });
}

/** The decimal as an integer count of 10^-decimals units, for exact comparisons. */
function scaled(text: string, decimals: number): number {
	const negative = text.startsWith('-');
	const [integer, fraction = ''] = text.replace('-', '').split('.');
	const units = Number(integer + fraction.padEnd(decimals, '0'));
	return negative ? -units : units;
}

export interface DecimalRule {
	maxDecimals: number;
	required?: boolean;
	/** Inclusive lower bound unless `above` is set. */
	min?: number;
	/** Exclusive lower bound. */
	above?: number;
	max?: number;
}

function rangeText(rule: DecimalRule): string {
	if (rule.max !== undefined) {
		return rule.above !== undefined
			? `greater than ${rule.above} and at most ${rule.max}`
			: `between ${rule.min ?? 0} and ${rule.max}`;
	}
	return rule.above !== undefined ? `greater than ${rule.above}` : `at least ${rule.min ?? 0}`;
}

/** Reads a decimal and checks it against a rule; undefined when empty and not required. */
export function checkDecimal(value: unknown, rule: DecimalRule): Checked<number | undefined> {
	const result = parseDecimal(value, rule.maxDecimals);
	if (result === undefined) return rule.required ? invalid('is required') : valid(undefined);
	if (!result.ok) return result;
	const units = scaled(result.value.text, rule.maxDecimals);
	const bound = (limit: number) => scaled(String(limit), rule.maxDecimals);
	const tooLow =
		(rule.above !== undefined && units <= bound(rule.above)) || (rule.min !== undefined && units < bound(rule.min));
	const tooHigh = rule.max !== undefined && units > bound(rule.max);
	if (tooLow || tooHigh) return invalid(`must be ${rangeText(rule)}, not ${result.value.text}`);
	return valid(result.value.value);
}
