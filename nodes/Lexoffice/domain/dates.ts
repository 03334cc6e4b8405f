import { DateTime, FixedOffsetZone } from 'luxon';

import type { Checked } from './problems';
import { invalid, valid } from './problems';

/**
 * Dates for lexoffice documents and list filters. luxon (which n8n itself provides) does
 * the calendar and the Europe/Berlin offsets; this module only decides which inputs are
 * unambiguous. The formats read, and nothing else:
 * - ISO 8601 calendar dates `2024-03-15`, optionally with a time `T10:30`, seconds,
 *   fractions and an offset (`Z`, `+01:00`, `+0100`); a space may replace the `T`;
 * - German `15.03.2024`, optionally with a time `15.03.2024 10:30` or `10:30:15`;
 * - JavaScript's own date text, `Fri Mar 15 2024 10:30:00 GMT+0100 (…)`, which names its offset;
 * - a JavaScript Date or a luxon DateTime from an expression;
 * - epoch milliseconds as a number (or a string of 11 or more digits). Numbers below
 *   10^11 (before March 1973) are refused: they are almost always epoch seconds or not a date.
 * Anything else (`01/02/2024`, `Feb 30 2024`, `3.5`, `1`) is refused, never guessed, and a
 * date that does not exist (30 February) is refused, never rolled over.
 */

/** lexoffice reads calendar days (voucher list filters, date-only input) in this zone. */
export const LEXOFFICE_TIME_ZONE = 'Europe/Berlin';
export const MAX_DATE_TEXT = 80;
const MS_PER_DAY = 86_400_000;
const SMALLEST_EPOCH_MS = 1e11;

export const DATE_HINT =
	'Use a date such as 2024-03-15 or 15.03.2024, a date and time such as 2024-03-15T10:30:00+01:00, or map a date from an expression.';

/** A point in time plus the UTC offset it is to be written with. */
export interface ParsedDateTime {
	epochMs: number;
	offsetMinutes: number;
}

const ISO_PATTERN =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const GERMAN_PATTERN = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const JS_DATE_PATTERN =
	/^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT([+-]\d{4})(?: \([^()]{0,60}\))?$/;
const SLASHED_PATTERN = /^\d{1,2}\/\d{1,2}\/\d{2,4}$/;
const EPOCH_TEXT = /^-?\d{11,16}$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface WallTime {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	millisecond: number;
}

function daysInMonth(year: number, month: number): number {
	return DateTime.utc(year, month).daysInMonth ?? 0;
}

/** Says which part of a written date does not exist; luxon would only say "invalid". */
function checkWall(wall: WallTime): string | undefined {
	if (wall.year < 1000 || wall.year > 9999) return 'has a year outside 1000–9999';
	if (wall.month < 1 || wall.month > 12) return 'has no valid month';
	if (wall.day < 1 || wall.day > daysInMonth(wall.year, wall.month)) return 'has no valid day of the month';
	if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) return 'has no valid time of day';
	return undefined;
}

function fromDateTime(value: DateTime): Checked<ParsedDateTime> {
	if (!value.isValid) return invalid('is an invalid date');
	if (value.year < 1000 || value.year > 9999) return invalid('has a year outside 1000–9999');
	return valid({ epochMs: value.toMillis(), offsetMinutes: value.offset });
}

/** Wall time in a zone: Berlin when the text names none, else the offset it names. */
function fromWall(wall: WallTime, offsetMinutes?: number): Checked<ParsedDateTime> {
	const problem = checkWall(wall);
	if (problem) return invalid(problem);
	const zone = offsetMinutes === undefined ? LEXOFFICE_TIME_ZONE : FixedOffsetZone.instance(offsetMinutes);
	const value = DateTime.fromObject(wall, { zone });
	// luxon moves a wall time that falls into the spring-forward gap; such a time does not exist.
	if (value.isValid && (value.hour !== wall.hour || value.minute !== wall.minute)) {
		return invalid(
			`does not exist in Berlin: the clocks jump from 02:00 to 03:00 on ${value.toFormat('yyyy-MM-dd')}`,
			'Give a time outside the switch, or a time with its UTC offset such as 2024-03-31T02:30:00+01:00.',
		);
	}
	return fromDateTime(value);
}

function fromInstant(epochMs: number): Checked<ParsedDateTime> {
	if (!Number.isFinite(epochMs)) return invalid('is not a valid date');
	return fromDateTime(DateTime.fromMillis(epochMs, { zone: LEXOFFICE_TIME_ZONE }));
}

function parseOffset(text: string): number | undefined {
	if (text === 'Z' || text === 'z') return 0;
	const sign = text[0] === '-' ? -1 : 1;
	const digits = text.slice(1).replace(':', '');
	const hours = Number(digits.slice(0, 2));
	const minutes = Number(digits.slice(2) || '0');
	if (digits.length !== 2 && digits.length !== 4) return undefined;
	if (hours > 18 || minutes > 59) return undefined;
	return sign * (hours * 60 + minutes);
}

function fromIso(match: RegExpExecArray): Checked<ParsedDateTime> {
	const wall: WallTime = {
		year: Number(match[1]),
		month: Number(match[2]),
		day: Number(match[3]),
		hour: Number(match[4] ?? 0),
		minute: Number(match[5] ?? 0),
		second: Number(match[6] ?? 0),
		// lexoffice takes milliseconds; finer digits are cut, not rounded, so the second stays.
		millisecond: Number((match[7] ?? '0').slice(0, 3).padEnd(3, '0')),
	};
	if (match[8] === undefined) return fromWall(wall);
	const offset = parseOffset(match[8]);
	if (offset === undefined) return invalid(`has an invalid UTC offset "${match[8]}"`);
	return fromWall(wall, offset);
}

function fromJsDateText(match: RegExpExecArray): Checked<ParsedDateTime> {
	const month = MONTHS.indexOf(match[1]) + 1;
	if (month === 0) return invalid(`has an unknown month "${match[1]}"`);
	const offset = parseOffset(match[7]);
	if (offset === undefined) return invalid(`has an invalid UTC offset "${match[7]}"`);
	const [day, year, hour, minute, second] = [2, 3, 4, 5, 6].map((index) => Number(match[index]));
	return fromWall({ year, month, day, hour, minute, second, millisecond: 0 }, offset);
}

function isLuxonLike(value: object): value is DateTime {
	// Checked by shape: the DateTime may come from n8n's copy of luxon, not this one.
	return DateTime.isDateTime(value) || typeof (value as { toMillis?: unknown }).toMillis === 'function';
}

function isDateLike(value: object): value is { getTime: () => number } {
	return value instanceof Date || typeof (value as { getTime?: unknown }).getTime === 'function';
}

function fromText(value: string): Checked<ParsedDateTime> | undefined {
	const text = value.trim();
	if (!text) return undefined;
	if (text.length > MAX_DATE_TEXT) return invalid(`is ${text.length} characters long, too long for a date`);
	if (EPOCH_TEXT.test(text)) return parseDateTime(Number(text));
	const iso = ISO_PATTERN.exec(text);
	if (iso) return fromIso(iso);
	const german = GERMAN_PATTERN.exec(text);
	if (german) {
		const [day, month, year, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((index) => Number(german[index] ?? 0));
		return fromWall({ year, month, day, hour, minute, second, millisecond: 0 });
	}
	const jsDate = JS_DATE_PATTERN.exec(text);
	if (jsDate) return fromJsDateText(jsDate);
	if (SLASHED_PATTERN.test(text)) {
		return invalid(
			`is ambiguous: "${text}" is read day-first in some countries and month-first in others`,
			`Write it as 2024-02-01 or 01.02.2024. ${DATE_HINT}`,
		);
	}
	return invalid(`is not a date lexoffice can use: "${text.slice(0, 60)}"`, DATE_HINT);
}

/**
 * Reads a date or date-time in one of the formats above. A value with its own offset
 * keeps it; text without one is Berlin wall time, so a bare date is that day at 00:00 in
 * Europe/Berlin; instants (Date, epoch milliseconds) are written with Berlin's offset.
 * Returns undefined for an empty value.
 */
export function parseDateTime(value: unknown): Checked<ParsedDateTime> | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number') {
		if (Number.isFinite(value) && Math.abs(value) < SMALLEST_EPOCH_MS) {
			return invalid(
				'is a number too small for epoch milliseconds (is it in seconds?)',
				`Numbers are read as epoch milliseconds (from 1973 on). ${DATE_HINT}`,
			);
		}
		return fromInstant(value);
	}
	if (typeof value === 'string') return fromText(value);
	if (typeof value === 'object') {
		if (isLuxonLike(value)) {
			if (value.isValid === false) return invalid('is an invalid date');
			return fromDateTime(DateTime.fromMillis(value.toMillis(), { zone: FixedOffsetZone.instance(value.offset) }));
		}
		if (isDateLike(value)) return fromInstant(value.getTime());
		return invalid('must be a date, but the expression produced an object or a list');
	}
	return invalid(`must be a date, not ${typeof value}`);
}

/** `yyyy-MM-ddTHH:mm:ss.SSSXXX`, the only date-time format lexoffice accepts on documents. */
export function formatDateTime(value: ParsedDateTime): string {
	const zone = FixedOffsetZone.instance(value.offsetMinutes);
	const text = DateTime.fromMillis(value.epochMs, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZ");
	return value.offsetMinutes === 0 ? `${text.slice(0, -6)}Z` : text;
}

/** A date-time as lexoffice wants it, plus the instant for comparisons. */
export interface LexofficeDateTime {
	text: string;
	epochMs: number;
}

/** Reads and formats in one step; `required` makes an empty value a problem. */
export function checkDateTime(value: unknown, required: boolean): Checked<LexofficeDateTime | undefined> {
	const parsed = parseDateTime(value);
	if (!parsed) return required ? invalid('is required') : valid(undefined);
	if (!parsed.ok) return { ...parsed, hint: parsed.hint ?? DATE_HINT };
	return valid({ text: formatDateTime(parsed.value), epochMs: parsed.value.epochMs });
}

export function toLexofficeDateTime(value: unknown): Checked<string> | undefined {
	const parsed = parseDateTime(value);
	if (!parsed) return undefined;
	return parsed.ok ? valid(formatDateTime(parsed.value)) : parsed;
}

/**
 * `yyyy-MM-dd` for voucher list filters: the calendar day as the value itself states it
 * (its own offset, else Berlin), so "2024-03-01" stays 2024-03-01.
 */
export function toLexofficeDate(value: unknown): Checked<string> | undefined {
	const result = toLexofficeDateTime(value);
	if (!result || !result.ok) return result;
	return valid(result.value.slice(0, 10));
}

/** Days since 1970-01-01 for a `yyyy-MM-dd` text: plain calendar arithmetic, no zones. */
export function dayNumber(date: string): number {
	return Math.round(DateTime.fromISO(date, { zone: 'utc' }).toMillis() / MS_PER_DAY);
}

/** The `yyyy-MM-dd` text of a day number. */
export function dayText(day: number): string {
	return DateTime.fromMillis(day * MS_PER_DAY, { zone: 'utc' }).toFormat('yyyy-MM-dd');
}

/** Today's date in Berlin as `yyyy-MM-dd`. */
export function berlinToday(now = Date.now()): string {
	return DateTime.fromMillis(now, { zone: LEXOFFICE_TIME_ZONE }).toFormat('yyyy-MM-dd');
}
