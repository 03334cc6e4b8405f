/**
 * Dates for lexoffice invoices, without any date library: the package has no runtime
 * dependencies, so Europe/Berlin offsets come from the platform's Intl time zone data.
 */

/** lexoffice reads calendar days (voucher list filters, date-only input) in this zone. */
export const LEXOFFICE_TIME_ZONE = 'Europe/Berlin';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

let berlinFormatter: Intl.DateTimeFormat | undefined;

function formatter(): Intl.DateTimeFormat {
	// Created on first use: building an Intl formatter is comparatively slow.
	berlinFormatter ??= new Intl.DateTimeFormat('en-US', {
		timeZone: LEXOFFICE_TIME_ZONE,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	});
	return berlinFormatter;
}

/** The offset of Europe/Berlin from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export function berlinOffsetMinutes(epochMs: number): number {
	const wholeSecond = Math.floor(epochMs / 1000) * 1000;
	const parts: Record<string, number> = {};
	for (const part of formatter().formatToParts(new Date(wholeSecond))) {
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	}
	const wallAsUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
	return Math.round((wallAsUtc - wholeSecond) / MS_PER_MINUTE);
}

/** The instant at which Berlin clocks show the given wall time. */
function berlinWallTimeToEpoch(wall: WallTime): number {
	const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.ms);
	// Two passes settle the offset also next to a DST switch.
	let epoch = asUtc - berlinOffsetMinutes(asUtc) * MS_PER_MINUTE;
	epoch = asUtc - berlinOffsetMinutes(epoch) * MS_PER_MINUTE;
	return epoch;
}

interface WallTime {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	ms: number;
}

/** A point in time plus the UTC offset it is to be written with. */
export interface ParsedDateTime {
	epochMs: number;
	offsetMinutes: number;
}

export type DateParseResult = { ok: true; value: ParsedDateTime } | { ok: false; problem: string };

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function checkWall(wall: WallTime): string | undefined {
	if (wall.year < 1000 || wall.year > 9999) return 'has a year outside 1000–9999';
	if (wall.month < 1 || wall.month > 12) return 'has no valid month';
	if (wall.day < 1 || wall.day > daysInMonth(wall.year, wall.month)) return 'has no valid day of the month';
	if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) return 'has no valid time of day';
	return undefined;
}

function fromBerlinWall(wall: WallTime): DateParseResult {
	const problem = checkWall(wall);
	if (problem) return { ok: false, problem };
	const epochMs = berlinWallTimeToEpoch(wall);
	return { ok: true, value: { epochMs, offsetMinutes: berlinOffsetMinutes(epochMs) } };
}

function fromInstant(epochMs: number): DateParseResult {
	if (!Number.isFinite(epochMs)) return { ok: false, problem: 'is not a valid date' };
	const result = { epochMs, offsetMinutes: berlinOffsetMinutes(epochMs) };
	const year = Number(formatDateTime(result).slice(0, 4));
	if (!(year >= 1000 && year <= 9999)) return { ok: false, problem: 'has a year outside 1000–9999' };
	return { ok: true, value: result };
}

const ISO_PATTERN =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const GERMAN_PATTERN = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
/** A free-form date string that names its zone, such as "… GMT+0100" or "… UTC". */
const NAMED_ZONE_PATTERN = /(?:\b(?:GMT|UTC)\b|[+-]\d{2}:?\d{2}\b|\dZ\b)/i;

function parseOffset(text: string): number | undefined {
	if (/^z$/i.test(text)) return 0;
	const match = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(text);
	if (!match) return undefined;
	const hours = Number(match[2]);
	const minutes = Number(match[3] ?? 0);
	if (hours > 18 || minutes > 59) return undefined;
	return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function parseIso(match: RegExpExecArray): DateParseResult {
	const wall: WallTime = {
		year: Number(match[1]),
		month: Number(match[2]),
		day: Number(match[3]),
		hour: Number(match[4] ?? 0),
		minute: Number(match[5] ?? 0),
		second: Number(match[6] ?? 0),
		// lexoffice takes milliseconds; finer digits are cut, not rounded, so the second stays.
		ms: Number((match[7] ?? '0').slice(0, 3).padEnd(3, '0')),
	};
	if (match[8] === undefined) return fromBerlinWall(wall);
	const problem = checkWall(wall);
	if (problem) return { ok: false, problem };
	const offsetMinutes = parseOffset(match[8]);
	if (offsetMinutes === undefined) return { ok: false, problem: `has an invalid UTC offset "${match[8]}"` };
	const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.ms);
	return { ok: true, value: { epochMs: asUtc - offsetMinutes * MS_PER_MINUTE, offsetMinutes } };
}

function isLuxonLike(value: object): value is { toISO: () => string | null; isValid?: boolean } {
	return typeof (value as { toISO?: unknown }).toISO === 'function';
}

function isDateLike(value: object): value is { getTime: () => number } {
	return value instanceof Date || typeof (value as { getTime?: unknown }).getTime === 'function';
}

/**
 * Reads a date or date-time however it arrived: an ISO string with or without time,
 * seconds, milliseconds or offset; dd.MM.yyyy; a JavaScript date string; a Date or
 * luxon DateTime from an expression; or epoch milliseconds.
 *
 * A value with its own offset keeps it. A value without one is Berlin wall time, so a
 * bare date is that day at 00:00 in Europe/Berlin. Instants without an offset (Date,
 * epoch milliseconds) are written with Berlin's offset at that instant.
 */
export function parseDateTime(value: unknown): DateParseResult | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number') {
		// Epoch seconds would silently become January 1970; make the mistake visible.
		if (Math.abs(value) < 1e11) {
			return { ok: false, problem: 'is a number too small for epoch milliseconds (is it in seconds?)' };
		}
		return fromInstant(value);
	}
	if (typeof value === 'object') {
		if (isLuxonLike(value)) {
			const iso = value.isValid === false ? null : value.toISO();
			return iso ? parseDateTime(iso) : { ok: false, problem: 'is an invalid date' };
		}
		if (isDateLike(value)) return fromInstant(value.getTime());
		return { ok: false, problem: 'must be a date, but the expression produced an object or a list' };
	}
	if (typeof value !== 'string') return { ok: false, problem: `must be a date, not ${typeof value}` };
	const text = value.trim();
	if (!text) return undefined;
	if (/^-?\d{11,}$/.test(text)) return parseDateTime(Number(text));
	const iso = ISO_PATTERN.exec(text);
	if (iso) return parseIso(iso);
	const german = GERMAN_PATTERN.exec(text);
	if (german) {
		return fromBerlinWall({
			year: Number(german[3]),
			month: Number(german[2]),
			day: Number(german[1]),
			hour: Number(german[4] ?? 0),
			minute: Number(german[5] ?? 0),
			second: Number(german[6] ?? 0),
			ms: 0,
		});
	}
	const parsed = new Date(text);
	if (Number.isNaN(parsed.getTime())) {
		return { ok: false, problem: `is not a date lexoffice can use: "${text.slice(0, 60)}"` };
	}
	if (NAMED_ZONE_PATTERN.test(text)) return fromInstant(parsed.getTime());
	// No zone named: the fields as written (read back in the server's zone) are Berlin time.
	return fromBerlinWall({
		year: parsed.getFullYear(),
		month: parsed.getMonth() + 1,
		day: parsed.getDate(),
		hour: parsed.getHours(),
		minute: parsed.getMinutes(),
		second: parsed.getSeconds(),
		ms: parsed.getMilliseconds(),
	});
}

function pad(value: number, length = 2): string {
	return String(value).padStart(length, '0');
}

/** `yyyy-MM-ddTHH:mm:ss.SSSXXX`, the only date-time format lexoffice accepts on invoices. */
export function formatDateTime(value: ParsedDateTime): string {
	const wall = new Date(value.epochMs + value.offsetMinutes * MS_PER_MINUTE);
	const date = `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
	const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}.${pad(wall.getUTCMilliseconds(), 3)}`;
	if (value.offsetMinutes === 0) return `${date}T${time}Z`;
	const sign = value.offsetMinutes < 0 ? '-' : '+';
	const absolute = Math.abs(value.offsetMinutes);
	return `${date}T${time}${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

/** Parses and formats in one step; throws nothing, so callers can name the field. */
export function toLexofficeDateTime(value: unknown): { ok: true; text: string } | { ok: false; problem: string } | undefined {
	const parsed = parseDateTime(value);
	if (!parsed) return undefined;
	return parsed.ok ? { ok: true, text: formatDateTime(parsed.value) } : parsed;
}

/**
 * `yyyy-MM-dd` for voucher list filters: the calendar day as the value itself states it
 * (its own offset, else Berlin), so "2024-03-01" stays 2024-03-01.
 */
export function toLexofficeDate(value: unknown): { ok: true; text: string } | { ok: false; problem: string } | undefined {
	const result = toLexofficeDateTime(value);
	if (!result || !result.ok) return result;
	return { ok: true, text: result.text.slice(0, 10) };
}

/** Days since 1970-01-01 for a `yyyy-MM-dd` text: plain calendar arithmetic, no zones. */
export function dayNumber(date: string): number {
	const [year, month, day] = date.split('-').map(Number);
	return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** The `yyyy-MM-dd` text of a day number. */
export function dayText(day: number): string {
	return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Today's date in Berlin as `yyyy-MM-dd`. */
export function berlinToday(now = Date.now()): string {
	return formatDateTime({ epochMs: now, offsetMinutes: berlinOffsetMinutes(now) }).slice(0, 10);
}
