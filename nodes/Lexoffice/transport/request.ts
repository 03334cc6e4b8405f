import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import type { LexofficeConnection, LexofficeContext } from './connection';
import { getConnection, refreshSecrets } from './connection';
import type { HttpFailure } from './errors';
import { readHttpFailure, toNodeApiError } from './errors';
import type { MultipartBody } from './multipart';
import { encodeMultipart } from './multipart';
import { recordRateLimited, recordSuccess, waitAfterRateLimit, waitForSlot } from './pacer';

export interface LexofficeRequest {
	method: IHttpRequestMethods;
	/** Path below the API base URL, starting with /v1/. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** A file upload as multipart/form-data, instead of a JSON body. */
	multipart?: MultipartBody;
	/** Binary download: the body comes back as a Buffer. */
	binary?: boolean;
	headers?: Record<string, string>;
}

export interface LexofficeResponse<T> {
	body: T;
	statusCode: number;
	headers: Record<string, string>;
}

export interface RequestOptions {
	itemIndex?: number;
	/** Turns a status into a tailored error; return undefined for the default mapping. */
	onError?: (failure: HttpFailure) => NodeApiError | Error | undefined;
}

/**
 * How long a 429 is waited out before the item fails. The waits themselves come from the
 * pacer (Retry-After, else one refill interval of lexoffice's bucket); the 3 minutes of
 * waiting are the ceiling, the retry count only stops a Retry-After of 0 from spinning.
 */
export const RATE_LIMIT_POLICY = {
	maxRetries: 200,
	maxTotalWaitMs: 180_000,
};

/** How often a read that failed in transit is tried again. */
export const TRANSIENT_POLICY = { maxRetries: 3, baseDelayMs: 1000 };

const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);

/** Connection errors that happen before a request reaches lexoffice: safe to repeat. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** n8n aborts the requests of a cancelled execution through this signal. */
function isExecutionCancelled(context: LexofficeContext): boolean {
	const withSignal = context as { getExecutionCancelSignal?: () => AbortSignal | undefined };
	return withSignal.getExecutionCancelSignal?.()?.aborted === true;
}

function isReadOnly(method: IHttpRequestMethods): boolean {
	return method === 'GET' || method === 'HEAD';
}

/** Retry-After in seconds or as an HTTP date; lexoffice documents none, but honour it. */
export function retryAfterMs(headers: Record<string, string>): number | undefined {
	const value = headers['retry-after'];
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Exponential backoff with ±25 % jitter, so parallel runs do not retry in lockstep. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
	const exponential = Math.min(maxMs, baseMs * 2 ** attempt);
	return Math.round(exponential * (0.75 + Math.random() * 0.5));
}

function normalizeResponseHeaders(headers: unknown): Record<string, string> {
	const result: Record<string, string> = {};
	if (headers && typeof headers === 'object') {
		for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
			if (value !== undefined && value !== null) result[key.toLowerCase()] = String(value);
		}
	}
	return result;
}

function buildOptions(connection: LexofficeConnection, request: LexofficeRequest): IHttpRequestOptions {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${connection.apiBaseUrl}${request.path}`,
		returnFullResponse: true,
		headers: { Accept: 'application/json', ...request.headers },
	};
	if (request.qs && Object.keys(request.qs).length) options.qs = request.qs;
	if (request.binary) {
		options.encoding = 'arraybuffer';
		options.json = false;
	} else {
		options.json = true;
	}
	if (request.body !== undefined) {
		options.body = request.body;
		options.headers = { ...options.headers, 'Content-Type': 'application/json' };
	}
	if (request.multipart) {
		const { buffer, contentType } = encodeMultipart(request.multipart);
		options.body = buffer;
		options.headers = { ...options.headers, 'Content-Type': contentType };
	}
	return options;
}

/**
 * The one way this node talks to lexoffice: paced per credential, authenticated by n8n
 * (so OAuth2 tokens refresh on a 401), 429s waited out, reads retried on transient
 * failures, writes never repeated unless lexoffice cannot have carried them out.
 */
export async function lexofficeResponse<T = IDataObject>(
	context: LexofficeContext,
	request: LexofficeRequest,
	options: RequestOptions = {},
): Promise<LexofficeResponse<T>> {
	const outcome = await send<T>(context, request, options, []);
	if ('failure' in outcome) throw new Error('unreachable: no status was expected');
	return outcome.response;
}

/**
 * Like lexofficeResponse, but a final answer with one of `statuses` comes back as a value
 * instead of an error, for callers that then try another route.
 */
export async function lexofficeResponseOrFailure<T = IDataObject>(
	context: LexofficeContext,
	request: LexofficeRequest,
	statuses: number[],
	options: RequestOptions = {},
): Promise<{ response: LexofficeResponse<T> } | { failure: HttpFailure }> {
	return await send<T>(context, request, options, statuses);
}

async function send<T>(
	context: LexofficeContext,
	request: LexofficeRequest,
	options: RequestOptions,
	expectedStatuses: number[],
): Promise<{ response: LexofficeResponse<T> } | { failure: HttpFailure }> {
	const connection = await getConnection(context);
	let rateLimitRetries = 0;
	let rateLimitWaited = 0;
	let transientRetries = 0;
	for (;;) {
		await waitForSlot(connection.pacerKey, connection.requestsPerSecond);
		try {
			const response = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				connection.credentialType,
				buildOptions(connection, request),
			)) as { body: T; statusCode: number; headers: unknown };
			recordSuccess(connection.pacerKey, connection.requestsPerSecond);
			const body = request.binary && !Buffer.isBuffer(response.body)
				? (Buffer.from(response.body as unknown as ArrayBuffer) as unknown as T)
				: response.body;
			return {
				response: {
					body,
					statusCode: response.statusCode,
					headers: normalizeResponseHeaders(response.headers),
				},
			};
		} catch (error) {
			const failure = readHttpFailure(error);
			if (failure.status === undefined && isExecutionCancelled(context)) failure.kind = 'cancelled';
			// A token n8n refreshed during this run must be scrubbed too.
			await refreshSecrets(context, connection);

			if (failure.status === 429) {
				// lexoffice does not carry out a request it answers with 429, so even a create is
				// sent again. The pacer slows this process down (others share the bucket) and
				// holds its schedule for the wait; waitForSlot() at the top waits it out.
				const delay = waitAfterRateLimit(connection.requestsPerSecond, retryAfterMs(failure.headers));
				if (
					rateLimitRetries < RATE_LIMIT_POLICY.maxRetries &&
					rateLimitWaited + delay <= RATE_LIMIT_POLICY.maxTotalWaitMs
				) {
					rateLimitRetries++;
					rateLimitWaited += delay;
					recordRateLimited(connection.pacerKey, connection.requestsPerSecond, delay);
					continue;
				}
				recordRateLimited(connection.pacerKey, connection.requestsPerSecond);
				throw toNodeApiError(context.getNode(), failure, {
					itemIndex: options.itemIndex,
					secrets: connection.secrets,
					message: `lexoffice’s rate limit was still exceeded after ${rateLimitRetries} retries`,
				});
			}

			// No answer and no network fault: a refused login, a cancelled execution or n8n's
			// request block. Repeating it cannot help, and lexoffice never saw it (a cancelled
			// write aside, which may have been under way).
			if (failure.status === undefined && failure.kind !== undefined && failure.kind !== 'network') {
				throw toNodeApiError(context.getNode(), failure, {
					itemIndex: options.itemIndex,
					secrets: connection.secrets,
					hint:
						failure.kind === 'cancelled' && !isReadOnly(request.method)
							? `The ${request.method} request may have reached lexoffice before the execution was cancelled. Check in lexoffice whether the record was created or changed before you run this item again.`
							: undefined,
				});
			}

			const transient =
				failure.status === undefined || TRANSIENT_STATUSES.has(failure.status);
			const neverSent = failure.status === undefined && NOT_SENT_CODES.has(failure.networkCode ?? '');
			if (
				transient &&
				(isReadOnly(request.method) || neverSent) &&
				transientRetries < TRANSIENT_POLICY.maxRetries
			) {
				await sleep(backoffMs(transientRetries, TRANSIENT_POLICY.baseDelayMs, 10_000));
				transientRetries++;
				continue;
			}

			if (failure.status !== undefined && expectedStatuses.includes(failure.status)) return { failure };

			const custom = options.onError?.(failure);
			if (custom) throw custom;

			if (transient && !isReadOnly(request.method) && !neverSent) {
				throw toNodeApiError(context.getNode(), failure, {
					itemIndex: options.itemIndex,
					secrets: connection.secrets,
					message:
						failure.status === undefined
							? `The connection to lexoffice broke off during the ${request.method} request (${failure.networkCode})`
							: `lexoffice answered the ${request.method} request with HTTP ${failure.status}`,
					hint:
						'lexoffice may have carried out the request anyway, so it was not sent again. Check in lexoffice whether the record was created or changed before you run this item again.',
				});
			}
			throw toNodeApiError(context.getNode(), failure, {
				itemIndex: options.itemIndex,
				secrets: connection.secrets,
			});
		}
	}
}

/** A JSON call whose body is all the caller needs. */
export async function lexofficeBody<T = IDataObject>(
	context: LexofficeContext,
	request: LexofficeRequest,
	options: RequestOptions = {},
): Promise<T> {
	const response = await lexofficeResponse<T>(context, request, options);
	return response.body;
}
