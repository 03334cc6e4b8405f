import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** A problem with what the user entered, found before anything is sent to lexoffice. */
export class InputError extends NodeOperationError {}

export function inputError(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	problem: string,
	hint?: string,
): InputError {
	return new InputError(context.getNode(), `${field} ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description: hint,
	});
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL_PATTERN = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]{2,}$/;
const COUNTRY_PATTERN = /^[A-Z]{2}(_[A-Z]{2})?$/;

/** Reads a text parameter; an expression that produced an object or a list is rejected. */
export function readText(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	options: { required?: boolean; maxLength?: number } = {},
): string | undefined {
	if (value === undefined || value === null || value === '') {
		if (options.required) throw inputError(context, itemIndex, field, 'is required');
		return undefined;
	}
	if (typeof value === 'object') {
		throw inputError(
			context,
			itemIndex,
			field,
			'must be text, but the expression produced an object or a list',
			'Map a single value, for example {{ $json.name }}, not a whole object.',
		);
	}
	const text = String(value).trim();
	if (!text) {
		if (options.required) throw inputError(context, itemIndex, field, 'must not be empty');
		return undefined;
	}
	if (options.maxLength !== undefined && text.length > options.maxLength) {
		throw inputError(
			context,
			itemIndex,
			field,
			`is ${text.length} characters long; lexoffice allows at most ${options.maxLength}`,
		);
	}
	return text;
}

export function readUuid(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): string {
	const text = readText(context, itemIndex, field, value, { required: true }) as string;
	if (!UUID_PATTERN.test(text)) {
		throw inputError(
			context,
			itemIndex,
			field,
			`must be a lexoffice ID (a UUID such as 3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c), not "${text.slice(0, 60)}"`,
		);
	}
	return text.toLowerCase();
}

export function readEmail(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): string | undefined {
	const text = readText(context, itemIndex, field, value);
	if (text !== undefined && !EMAIL_PATTERN.test(text)) {
		throw inputError(context, itemIndex, field, `is not a valid email address: "${text.slice(0, 80)}"`);
	}
	return text;
}

/** ISO 3166 alpha-2, plus lexoffice's extended codes such as ES_CN (Canary Islands). */
export function readCountryCode(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	required: boolean,
): string | undefined {
	const text = readText(context, itemIndex, field, value, { required });
	if (text === undefined) return undefined;
	const code = text.toUpperCase();
	if (!COUNTRY_PATTERN.test(code)) {
		throw inputError(
			context,
			itemIndex,
			field,
			`must be a two-letter ISO country code such as DE or AT, not "${text.slice(0, 40)}"`,
		);
	}
	return code;
}

export function readBoolean(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): boolean | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'boolean') return value;
	if (value === 'true') return true;
	if (value === 'false') return false;
	throw inputError(context, itemIndex, field, `must be true or false, not "${String(value).slice(0, 40)}"`);
}

export function isUuid(value: string): boolean {
	return UUID_PATTERN.test(value);
}
