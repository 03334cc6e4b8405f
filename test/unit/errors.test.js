'use strict';
// The error mapping on its own: lexoffice's three body shapes, and secrets kept out.
const { parseLexofficeError, scrubSecrets, toNodeApiError, readHttpFailure } = require('../../dist/nodes/Lexoffice/transport/errors');
const { retryAfterMs, backoffMs } = require('../../dist/nodes/Lexoffice/transport/request');
const { normalizeApiBaseUrl, resolveApiBaseUrl } = require('../../dist/nodes/Lexoffice/transport/environments');

const node = { id: '1', name: 'Lexoffice', type: 'lexoffice', typeVersion: 1, position: [0, 0], parameters: {} };

describe('parseLexofficeError', () => {
	test('legacy IssueList body (contacts) gives one line per issue with its source', () => {
		const parsed = parseLexofficeError({
			requestId: 'req-1',
			IssueList: [
				{ i18nKey: 'missing_entity', source: 'company.name', type: 'validation_failure' },
				{ i18nKey: 'invalid_value', source: 'addresses.billing[0].countryCode', type: 'validation_failure' },
			],
		});
		expect(parsed.details).toEqual([
			'company.name: missing_entity (validation_failure)',
			'addresses.billing[0].countryCode: invalid_value (validation_failure)',
		]);
		expect(parsed.reference).toBe('req-1');
	});

	test('regular body (invoices) gives field, message and violation', () => {
		const parsed = parseLexofficeError({
			status: 406,
			error: 'Not Acceptable',
			traceId: 'abc',
			message: 'Validation failed for request. Please see details list for specific causes.',
			details: [{ violation: 'NOTNULL', field: 'lineItems[0].unitPrice.taxRatePercentage', message: 'darf nicht leer sein' }],
		});
		expect(parsed.details).toEqual(['lineItems[0].unitPrice.taxRatePercentage: darf nicht leer sein (NOTNULL)']);
		expect(parsed.message).toMatch(/Validation failed/);
		expect(parsed.reference).toBe('abc');
	});

	test('gateway body gives its message', () => {
		expect(parseLexofficeError({ message: 'Unauthorized' })).toEqual({ message: 'Unauthorized', details: [], reference: undefined });
	});
});

describe('toNodeApiError', () => {
	test('names the single failing field in the message and keeps the status', () => {
		const error = toNodeApiError(
			node,
			{ status: 406, headers: {}, body: { IssueList: [{ i18nKey: 'missing_entity', source: 'person.lastName', type: 'validation_failure' }] } },
			{ secrets: [], itemIndex: 3 },
		);
		expect(error.message).toBe('lexoffice rejected the data: person.lastName: missing_entity (validation_failure)');
		expect(error.httpCode).toBe('406');
		expect(error.context.itemIndex).toBe(3);
	});

	test('lists several field problems in the description', () => {
		const error = toNodeApiError(
			node,
			{ status: 406, headers: {}, body: { message: 'Validation failed', details: [{ field: 'a', message: 'x' }, { field: 'b', message: 'y' }] } },
			{ secrets: [] },
		);
		expect(error.description).toContain('• a: x');
		expect(error.description).toContain('• b: y');
	});

	test('the gateway echo of an Authorization header never reaches the user', () => {
		const token = 'eyJhbGciOiJSUzI1NiJ9.secret-token-value';
		const error = toNodeApiError(
			node,
			{ status: 403, headers: {}, body: { message: `'${token}' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer ${token}'.` } },
			{ secrets: [token] },
		);
		const text = JSON.stringify({ message: error.message, description: error.description, ctx: error.context });
		expect(text).not.toContain('secret-token-value');
	});

	test('a network failure without a response says lexoffice could not be reached', () => {
		const error = toNodeApiError(node, { networkCode: 'ECONNREFUSED', headers: {}, body: undefined }, { secrets: [] });
		expect(error.message).toBe('Could not reach lexoffice (ECONNREFUSED)');
	});
});

describe('scrubSecrets', () => {
	test('removes bearer tokens, basic credentials and known values', () => {
		const text = scrubSecrets('Authorization: Bearer abc.def-123 and Basic dXNlcjpwYXNz and key sk_live_1234', ['sk_live_1234']);
		expect(text).toBe('Authorization: Bearer [redacted] and Basic [redacted] and key [redacted]');
	});
});

describe('readHttpFailure', () => {
	test('reads status, headers and a JSON body from an arraybuffer response (binary downloads)', () => {
		const body = Buffer.from(JSON.stringify({ message: 'draft' }));
		const failure = readHttpFailure({
			cause: { response: { status: 409, headers: { 'Retry-After': '2' }, data: body } },
		});
		expect(failure).toEqual({ status: 409, networkCode: undefined, headers: { 'retry-after': '2' }, body: { message: 'draft' } });
	});

	test('n8n 1.x: status from httpCode and the body from the error context', () => {
		const failure = readHttpFailure({
			httpCode: '404',
			context: { data: { IssueList: [{ i18nKey: 'missing_entity', source: 'id', type: 'not_found' }] } },
		});
		expect(failure).toEqual({
			status: 404,
			networkCode: undefined,
			headers: {},
			body: { IssueList: [{ i18nKey: 'missing_entity', source: 'id', type: 'not_found' }] },
		});
	});

	test('a dropped connection has no status and a network code', () => {
		expect(readHttpFailure({ cause: { code: 'ECONNRESET' } })).toMatchObject({ status: undefined, networkCode: 'ECONNRESET' });
	});
});

describe('retry timing', () => {
	test('Retry-After in seconds and as an HTTP date', () => {
		expect(retryAfterMs({ 'retry-after': '3' })).toBe(3000);
		const inTwoSeconds = new Date(Date.now() + 2000).toUTCString();
		expect(retryAfterMs({ 'retry-after': inTwoSeconds })).toBeGreaterThan(500);
		expect(retryAfterMs({})).toBeUndefined();
	});

	test('backoff grows exponentially within ±25 % and is capped', () => {
		for (let attempt = 0; attempt < 8; attempt++) {
			const delay = backoffMs(attempt, 1000, 30000);
			const nominal = Math.min(30000, 1000 * 2 ** attempt);
			expect(delay).toBeGreaterThanOrEqual(nominal * 0.75);
			expect(delay).toBeLessThanOrEqual(nominal * 1.25);
		}
	});
});

describe('base URLs', () => {
	test('custom URLs lose trailing slashes and /v1', () => {
		expect(normalizeApiBaseUrl(' http://127.0.0.1:5680/v1/ ')).toBe('http://127.0.0.1:5680');
		expect(resolveApiBaseUrl('custom', 'https://sandbox.example/')).toBe('https://sandbox.example');
		expect(resolveApiBaseUrl('lexware', 'ignored')).toBe('https://api.lexware.io');
		expect(resolveApiBaseUrl('lexofficeLegacy', '')).toBe('https://api.lexoffice.io');
	});
});
