import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** What a failed call left behind, read from n8n's wrapped HTTP error. */
export interface HttpFailure {
	status?: number;
	/** Node.js network error code such as ECONNRESET, when no response arrived. */
	networkCode?: string;
	headers: Record<string, string>;
	body: unknown;
}

const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EAI_AGAIN',
	'ENOTFOUND',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'ERR_BAD_RESPONSE',
]);

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
 * body (context.data), so headers such as Retry-After are lost there.
 */
export function readHttpFailure(error: unknown): HttpFailure {
	const outer = asRecord(error) ?? {};
	const cause = asRecord(outer.cause) ?? outer;
	const response = asRecord(cause.response) ?? asRecord(outer.response);
	const status = Number(response?.status ?? response?.statusCode ?? outer.httpCode);
	const hasStatus = Number.isInteger(status) && status > 0;
	const codeValue = cause.code ?? outer.code;
	const networkCode =
		typeof codeValue === 'string' && (NETWORK_CODES.has(codeValue) || !response) ? codeValue : undefined;
	const body = response ? (response.data ?? response.body) : asRecord(outer.context)?.data;
	return {
		status: hasStatus ? status : undefined,
		networkCode: response || hasStatus ? undefined : (networkCode ?? 'ECONNRESET'),
		headers: normalizeHeaders(response?.headers),
		body: parseBody(body),
	};
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

/** Removes bearer tokens and any known secret value from text that may reach the user. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
	let result = text.replace(/(Bearer|Basic)\s+[A-Za-z0-9\-._~+/=]+/gi, '$1 [redacted]');
	for (const secret of secrets) {
		if (secret && secret.length >= 4) result = result.split(secret).join('[redacted]');
	}
	// The gateway echoes a malformed Authorization header back in its message.
	return result.replace(/(in Authorization header:).*$/i, '$1 [redacted]');
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
	if (!message) {
		if (status === undefined) {
			message = `Could not reach lexoffice (${failure.networkCode ?? 'network error'})`;
		} else {
			message = STATUS_MESSAGES[status] ?? `lexoffice answered with HTTP ${status}`;
			if (parsed.details.length === 1) message += `: ${parsed.details[0]}`;
			else if (parsed.details.length === 0 && parsed.message) message += `: ${parsed.message}`;
		}
	}
	const lines: string[] = [];
	if (options.hint) lines.push(options.hint);
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
