import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { NoAnswerKind } from './noAnswer';
import { causeChain, classifyNoAnswer } from './noAnswer';
import { scrubSecrets } from './scrub';

export type { NoAnswerKind } from './noAnswer';
export { scrubSecrets } from './scrub';

/** What a failed call left behind, read from n8n's wrapped HTTP error. */
export interface HttpFailure {
	status?: number;
	/** Node.js network error code such as ECONNRESET, only when a real network fault occurred. */
	networkCode?: string;
	/** Set when no HTTP answer arrived. */
	kind?: NoAnswerKind;
	/** What n8n or Node reported when no answer arrived (not yet scrubbed). */
	reason?: string;
	headers: Record<string, string>;
	body: unknown;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
	return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

function parseBody(data: unknown): unknown {
	let text: string | undefined;
	if (typeof data === 'string') text = data;
	else if (data instanceof ArrayBuffer) text = Buffer.from(data).toString('utf8');
	else if (Buffer.isBuffer(data)) text = data.toString('utf8');
	if (text === undefined) return data;
	try {
		return JSON.parse(text);
	} catch {
		return text.length > 500 ? `${text.slice(0, 500)}…` : text;
	}
}

function normalizeHeaders(headers: unknown): Record<string, string> {
	const result: Record<string, string> = {};
	const record = asRecord(headers);
	if (!record) return result;
	const source =
		typeof (record as { toJSON?: unknown }).toJSON === 'function'
			? ((record as { toJSON: () => Record<string, unknown> }).toJSON() ?? record)
			: record;
	for (const [key, value] of Object.entries(source)) {
		if (value !== undefined && value !== null) result[key.toLowerCase()] = String(value);
	}
	return result;
}

/**
 * n8n wraps the HTTP client's error in a NodeApiError. n8n 2.x keeps the client's error as
 * its cause, response included; n8n 1.x keeps only the status (httpCode) and the parsed
 * body (context.data), so headers such as Retry-After are lost there. Without a response,
 * only a real network error counts as one: a refused login, a cancelled execution or n8n's
 * request block are reported as what they are.
 */
export function readHttpFailure(error: unknown): HttpFailure {
	const outer = asRecord(error) ?? {};
	const cause = asRecord(outer.cause) ?? outer;
	const response = asRecord(cause.response) ?? asRecord(outer.response);
	const status = Number(response?.status ?? response?.statusCode ?? outer.httpCode);
	const hasStatus = Number.isInteger(status) && status > 0;
	const body = response ? (response.data ?? response.body) : asRecord(outer.context)?.data;
	const failure: HttpFailure = {
		status: hasStatus ? status : undefined,
		networkCode: undefined,
		headers: normalizeHeaders(response?.headers),
		body: parseBody(body),
	};
	if (response || hasStatus) return failure;
	return { ...failure, ...classifyNoAnswer(causeChain(error)) };
}

/**
 * Whether lexoffice refused a write because the record changed since it was read. Judged
 * by the body: contacts answer a stale `version` with 406 and an IssueList entry for
 * `version`; other resources answer 409 (which also means other things, such as a draft
 * without a document, so a bare 409 is not enough).
 */
export function isVersionConflict(failure: HttpFailure): boolean {
	if (failure.status !== 406 && failure.status !== 409 && failure.status !== 412) return false;
	const record = asRecord(failure.body);
	if (!record) return false;
	const entries = [record.IssueList, record.issueList, record.details]
		.filter(Array.isArray)
		.flat()
		.map((entry) => asRecord(entry) ?? {});
	return entries.some((entry) => {
		const source = String(entry.source ?? entry.field ?? '');
		const key = String(entry.i18nKey ?? entry.violation ?? entry.type ?? '').toLowerCase();
		if (source === 'version') return failure.status !== 406 || key === 'invalid_value' || key === 'conflict';
		return failure.status === 409 && (key === 'conflict' || key === 'optimistic_lock');
	});
}

export interface LexofficeErrorDetails {
	/** lexoffice's own message, if it sent one. */
	message?: string;
	/** One line per field-level problem: "company.name: missing_entity". */
	details: string[];
	/** requestId or traceId, for lexoffice support. */
	reference?: string;
}

/**
 * lexoffice answers errors in three shapes: the gateway's `{message}`, the legacy
 * `{IssueList: [...]}` (contacts, files, vouchers) and the regular
 * `{message, details: [...]}` (invoices and everything newer).
 */
export function parseLexofficeError(body: unknown): LexofficeErrorDetails {
	const record = asRecord(body);
	if (!record) {
		return { details: [], message: typeof body === 'string' && body ? body : undefined };
	}
	const details: string[] = [];
	const issueList = record.IssueList ?? record.issueList;
	if (Array.isArray(issueList)) {
		for (const issue of issueList) {
			const entry = asRecord(issue) ?? {};
			const source = entry.source ? String(entry.source) : undefined;
			const key = entry.i18nKey ? String(entry.i18nKey) : String(entry.type ?? 'invalid');
			const type = entry.type && entry.type !== key ? ` (${String(entry.type)})` : '';
			details.push(source ? `${source}: ${key}${type}` : `${key}${type}`);
		}
	}
	if (Array.isArray(record.details)) {
		for (const detail of record.details) {
			const entry = asRecord(detail) ?? {};
			const field = entry.field ? `${String(entry.field)}: ` : '';
			const text = entry.message ? String(entry.message) : '';
			const violation = entry.violation ? ` (${String(entry.violation)})` : '';
			details.push(`${field}${text}${violation}`.trim());
		}
	}
	const message =
		typeof record.message === 'string' && record.message
			? record.message
			: typeof record.error_description === 'string'
				? record.error_description
				: typeof record.error === 'string'
					? record.error
					: undefined;
	const referenceValue = record.requestId ?? record.traceId;
	return {
		message,
		details,
		reference: referenceValue ? String(referenceValue) : undefined,
	};
}

const STATUS_MESSAGES: Record<number, string> = {
	400: 'lexoffice rejected the request as malformed',
	401: 'lexoffice did not accept the credentials',
	402: 'lexoffice refused the request because of the account’s contract or plan',
	403: 'lexoffice denied access',
	404: 'The lexoffice record was not found',
	405: 'lexoffice does not allow this method here',
	406: 'lexoffice rejected the data',
	409: 'lexoffice reported a conflict',
	415: 'lexoffice did not accept the content type',
	429: 'lexoffice’s rate limit was exceeded',
	500: 'lexoffice had an internal error',
	501: 'lexoffice does not support this request',
	502: 'lexoffice’s gateway failed',
	503: 'lexoffice is temporarily unavailable',
	504: 'lexoffice’s gateway timed out',
};

const STATUS_HINTS: Record<number, string> = {
	401: 'Reconnect the credential, or create a new API key in lexoffice if this one expired (keys last 24 months).',
	403: 'The credential may lack a permission (scope) for this call, or the record belongs to another lexoffice organisation.',
	404: 'Check the ID; it may belong to another organisation or have been removed.',
	406: 'Correct the fields listed above and run the node again.',
	429: 'Too many requests reached lexoffice from this credential. Wait a moment, or run fewer workflows with this credential at once.',
};

/** Message and advice for a call that ended without an answer from lexoffice. */
function noAnswerText(failure: HttpFailure): { message: string; hint?: string } {
	const reason = failure.reason ? `n8n reported: ${failure.reason}` : undefined;
	switch (failure.kind) {
		case 'cancelled':
			return { message: 'The request to lexoffice was stopped because the execution was cancelled' };
		case 'login':
			return {
				message: 'The lexoffice login of this credential is no longer valid',
				hint: [
					'Open the lexoffice credential and reconnect it (sign in to lexoffice again). The login was revoked, expired or never completed, so n8n could not get an access token.',
					reason,
				]
					.filter(Boolean)
					.join('\n'),
			};
		case 'blocked':
			return {
				message: 'n8n blocked the request to lexoffice before sending it',
				hint: [
					reason,
					'n8n’s SSRF protection refuses this address. Ask the n8n administrator to allow the lexoffice host, or check the Environment of the credential.',
				]
					.filter(Boolean)
					.join('\n'),
			};
		case 'local':
			return { message: 'The request to lexoffice failed before lexoffice answered', hint: reason };
		default:
			return { message: `Could not reach lexoffice (${failure.networkCode ?? 'network error'})` };
	}
}

export interface ApiErrorOptions {
	itemIndex?: number;
	secrets: readonly string[];
	/** Replaces the message derived from the status. */
	message?: string;
	/** Added in front of the description, e.g. what the user should do next. */
	hint?: string;
}

export function toNodeApiError(node: INode, failure: HttpFailure, options: ApiErrorOptions): NodeApiError {
	const parsed = parseLexofficeError(failure.body);
	const scrub = (text: string) => scrubSecrets(text, options.secrets);
	const status = failure.status;
	let message = options.message;
	const noAnswer = status === undefined ? noAnswerText(failure) : undefined;
	if (!message) {
		if (noAnswer || status === undefined) {
			message = noAnswerText(failure).message;
		} else {
			message = STATUS_MESSAGES[status] ?? `lexoffice answered with HTTP ${status}`;
			if (parsed.details.length === 1) message += `: ${parsed.details[0]}`;
			else if (parsed.details.length === 0 && parsed.message) message += `: ${parsed.message}`;
		}
	}
	const lines: string[] = [];
	if (options.hint) lines.push(options.hint);
	if (noAnswer?.hint) lines.push(noAnswer.hint);
	if (parsed.details.length > 1 || (options.message && parsed.details.length)) {
		lines.push(...parsed.details.map((detail) => `• ${detail}`));
	}
	if (parsed.message && (parsed.details.length > 0 || options.message)) {
		lines.push(`lexoffice said: ${parsed.message}`);
	}
	const statusHint = status !== undefined ? STATUS_HINTS[status] : undefined;
	if (statusHint && !options.hint) lines.push(statusHint);
	if (parsed.reference) lines.push(`lexoffice reference: ${parsed.reference}`);
	const description = lines.length ? scrub(lines.join('\n')) : undefined;
	const scrubbedMessage = scrub(message);
	const errorResponse: JsonObject = {
		message: scrubbedMessage,
		...(description ? { description } : {}),
		...(status !== undefined ? { httpCode: String(status) } : {}),
		...(parsed.details.length ? { details: parsed.details.map(scrub) } : {}),
	};
	const error = new NodeApiError(node, errorResponse, {
		message: scrubbedMessage,
		description,
		httpCode: status !== undefined ? String(status) : undefined,
		itemIndex: options.itemIndex,
	});
	// NodeApiError swaps messages that mention a network code for a generic sentence that
	// does not say which service failed; keep ours.
	error.message = scrubbedMessage;
	return error;
}
