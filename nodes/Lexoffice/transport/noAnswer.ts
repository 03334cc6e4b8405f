/**
 * What ended a call that got no answer from lexoffice, read from the names, codes and texts
 * n8n-core and Node.js leave on the error and its causes.
 */

/**
 * Why a call ended without an answer from lexoffice: a real network fault, a cancelled
 * execution, a credential whose login is gone, n8n's own request block (SSRF protection)
 * or any other failure before sending.
 */
export type NoAnswerKind = 'network' | 'cancelled' | 'login' | 'blocked' | 'local';

export interface NoAnswer {
	kind: NoAnswerKind;
	/** Node.js network error code, only for a real network fault. */
	networkCode?: string;
	/** What n8n or Node reported (not yet scrubbed). */
	reason?: string;
}

/** Codes Node.js, undici and axios give a connection that failed or broke off. */
const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EHOSTUNREACH',
	'EHOSTDOWN',
	'ENETUNREACH',
	'ENETDOWN',
	'EAI_AGAIN',
	'ENOTFOUND',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'ERR_STREAM_PREMATURE_CLOSE',
	'ERR_NETWORK',
	'UND_ERR_SOCKET',
	'UND_ERR_CLOSED',
	'UND_ERR_CONNECT_TIMEOUT',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
]);

const CANCEL_NAMES = new Set(['AbortError', 'CanceledError', 'CancelError']);
const CANCEL_CODES = new Set(['ERR_CANCELED', 'ABORT_ERR']);
const SSRF_NAMES = new Set(['SsrfBlockedIpError', 'SsrfBlockedHostnameError']);
/** n8n's texts when an OAuth2 credential has no usable login (n8n-core request helpers). */
const LOGIN_GONE_TEXTS = [
	'needs to be reconnected',
	'unable to sign without access token',
	'oauth credentials not connected',
	'invalid_grant',
];

function asRecord(value: unknown): Record<string, unknown> | undefined {
	return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

/** The error and its causes, outermost first; bounded, since a cause chain may loop. */
export function causeChain(error: unknown): Array<Record<string, unknown>> {
	const chain: Array<Record<string, unknown>> = [];
	let current = asRecord(error);
	while (current && chain.length < 8 && !chain.includes(current)) {
		chain.push(current);
		current = asRecord(current.cause);
	}
	return chain;
}

function textOf(entry: Record<string, unknown>, key: string): string {
	const value = entry[key];
	return typeof value === 'string' ? value : '';
}

/** Why no answer arrived, from the names, codes and texts along the cause chain. */
export function classifyNoAnswer(chain: Array<Record<string, unknown>>): NoAnswer {
	const innermost = chain[chain.length - 1] ?? {};
	const reason = textOf(innermost, 'message') || textOf(chain[0] ?? {}, 'message') || undefined;
	for (const entry of chain) {
		if (CANCEL_NAMES.has(textOf(entry, 'name')) || CANCEL_CODES.has(textOf(entry, 'code'))) {
			return { kind: 'cancelled', reason };
		}
	}
	for (const entry of chain) {
		if (SSRF_NAMES.has(textOf(entry, 'name'))) {
			const description = textOf(entry, 'description');
			return { kind: 'blocked', reason: [textOf(entry, 'message'), description].filter(Boolean).join('. ') };
		}
	}
	for (const entry of chain) {
		const failure = asRecord(entry.failure);
		const body = asRecord(entry.body);
		const text = `${textOf(entry, 'message')} ${String(body?.error ?? '')}`.toLowerCase();
		const refreshRefused = textOf(entry, 'code') === 'EAUTH';
		if (failure?.cause === 'credential-invalid' || refreshRefused || LOGIN_GONE_TEXTS.some((needle) => text.includes(needle))) {
			return { kind: 'login', reason };
		}
	}
	for (const entry of chain) {
		// n8n 1.x keeps a network code only as httpCode on its wrapper.
		for (const key of ['code', 'httpCode', 'errno']) {
			const code = textOf(entry, key);
			if (NETWORK_CODES.has(code)) return { kind: 'network', networkCode: code, reason };
		}
	}
	return { kind: 'local', reason };
}
