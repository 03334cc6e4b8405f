import type { Checked } from './problems';
import { invalid, valid } from './problems';

/**
 * Text, choices and identifiers. Every check caps the length before any pattern runs, and
 * the patterns are anchored with no nested repetition, so the work is linear in the
 * (capped) input: a hostile 100 kB value costs microseconds.
 */

export interface TextRule {
	required?: boolean;
	maxLength?: number;
}

/** Reads a text value; an expression that produced an object or a list is refused. */
export function checkText(value: unknown, rule: TextRule = {}): Checked<string | undefined> {
	if (value === undefined || value === null || value === '') {
		return rule.required ? invalid('is required') : valid(undefined);
	}
	if (typeof value === 'object') {
		return invalid(
			'must be text, but the expression produced an object or a list',
			'Map a single value, for example {{ $json.name }}, not a whole object.',
		);
	}
	const text = String(value).trim();
	if (!text) return rule.required ? invalid('must not be empty') : valid(undefined);
	if (rule.maxLength !== undefined && text.length > rule.maxLength) {
		return invalid(`is ${text.length} characters long; lexoffice allows at most ${rule.maxLength}`);
	}
	return valid(text);
}

/** Like checkText, but the value is required. */
function requiredText(value: unknown): Checked<string> {
	return checkText(value, { required: true }) as Checked<string>;
}

export function checkChoice<T extends string>(value: unknown, choices: readonly T[]): Checked<T> {
	const text = requiredText(value);
	if (!text.ok) return text;
	const match = choices.find((choice) => choice.toLowerCase() === text.value.toLowerCase());
	return match ? valid(match) : invalid(`must be one of ${choices.join(', ')}, not "${text.value.slice(0, 40)}"`);
}

const UUID_LENGTH = 36;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
	return value.length === UUID_LENGTH && UUID_PATTERN.test(value);
}

/** A lexoffice ID; returned in lower case. */
export function checkUuid(value: unknown): Checked<string> {
	const text = requiredText(value);
	if (!text.ok) return text;
	if (!isUuid(text.value)) {
		return invalid(
			`must be a lexoffice ID (a UUID such as 3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c), not "${text.value.slice(0, 60)}"`,
		);
	}
	return valid(text.value.toLowerCase());
}

/** RFC 5321's limits: 254 characters in all, 64 before the @. */
export const MAX_EMAIL_LENGTH = 254;
const MAX_EMAIL_LOCAL = 64;
/** Characters no address here may contain; one class, tested once per character. */
const EMAIL_FORBIDDEN = /[\s@<>()[\],;:"]/;

/**
 * Checks the shape of an e-mail address without a backtracking pattern: one @, a local
 * part, and a domain with a dot that has text on both sides (at least two characters after).
 */
export function isEmail(text: string): boolean {
	if (text.length > MAX_EMAIL_LENGTH) return false;
	const at = text.indexOf('@');
	if (at < 1 || at !== text.lastIndexOf('@') || at > MAX_EMAIL_LOCAL) return false;
	const local = text.slice(0, at);
	const domain = text.slice(at + 1);
	if (EMAIL_FORBIDDEN.test(local) || EMAIL_FORBIDDEN.test(domain)) return false;
	const dot = domain.indexOf('.', 1);
	return dot >= 1 && dot <= domain.length - 3;
}

export function checkEmail(value: unknown): Checked<string | undefined> {
	const text = checkText(value);
	if (!text.ok || text.value === undefined) return text;
	if (text.value.length > MAX_EMAIL_LENGTH) {
		return invalid(`is ${text.value.length} characters long; an e-mail address has at most ${MAX_EMAIL_LENGTH}`);
	}
	if (!isEmail(text.value)) return invalid(`is not a valid email address: "${text.value.slice(0, 80)}"`);
	return valid(text.value);
}

const COUNTRY_PATTERN = /^[A-Z]{2}(_[A-Z]{2})?$/;

/** ISO 3166 alpha-2, plus lexoffice's extended codes such as ES_CN (Canary Islands). */
export function checkCountryCode(value: unknown, required: boolean): Checked<string | undefined> {
	const text = checkText(value, { required });
	if (!text.ok || text.value === undefined) return text;
	const code = text.value.toUpperCase();
	if (code.length > 5 || !COUNTRY_PATTERN.test(code)) {
		return invalid(`must be a two-letter ISO country code such as DE or AT, not "${text.value.slice(0, 40)}"`);
	}
	return valid(code);
}

export function checkBoolean(value: unknown): Checked<boolean | undefined> {
	if (value === undefined || value === null || value === '') return valid(undefined);
	if (typeof value === 'boolean') return valid(value);
	if (value === 'true') return valid(true);
	if (value === 'false') return valid(false);
	return invalid(`must be true or false, not "${String(value).slice(0, 40)}"`);
}
