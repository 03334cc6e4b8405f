'use strict';
// What a failed call was, read from n8n's wrapped errors (shapes as n8n-core 2.41 builds them),
// and whether a refused write was a version conflict, judged by lexoffice's body.
const { readHttpFailure, toNodeApiError, isVersionConflict } = require('../../dist/nodes/Lexoffice/transport/errors');

const node = { id: '1', name: 'Lexoffice', type: 'lexoffice', typeVersion: 1, position: [0, 0], parameters: {} };

/** n8n wraps every failure of httpRequestWithAuthentication in a NodeApiError whose cause is the original. */
const wrapped = (cause, extra = {}) => ({ name: 'NodeApiError', message: cause.message, httpCode: null, cause, ...extra });

describe('failures without an answer', () => {
	test('only a real Node network code makes a network error, found anywhere on the cause chain', () => {
		const error = wrapped({ name: 'AxiosError', message: 'connect ECONNREFUSED', code: 'ECONNREFUSED', cause: { code: 'ECONNREFUSED' } }, { httpCode: 'ECONNREFUSED' });
		expect(readHttpFailure(error)).toMatchObject({ status: undefined, kind: 'network', networkCode: 'ECONNREFUSED' });
		const deep = wrapped({ name: 'TypeError', message: 'fetch failed', cause: { name: 'SocketError', code: 'UND_ERR_SOCKET' } });
		expect(readHttpFailure(deep)).toMatchObject({ kind: 'network', networkCode: 'UND_ERR_SOCKET' });
	});

	test('an unknown failure is not a dropped connection', () => {
		const failure = readHttpFailure(wrapped({ name: 'Error', message: 'Unable to parse something' }));
		expect(failure.kind).toBe('local');
		expect(failure.networkCode).toBeUndefined();
		const error = toNodeApiError(node, failure, { secrets: [] });
		expect(error.message).toBe('The request to lexoffice failed before lexoffice answered');
		expect(error.message).not.toMatch(/ECONNRESET/);
		expect(error.description).toContain('Unable to parse something');
	});

	test.each([
		['a credential never connected (PKCE)', { name: 'Error', message: 'Unable to sign without access token' }],
		['OAuth credentials not connected', { name: 'UserError', message: 'OAuth credentials not connected' }],
		[
			'n8n’s reconnect error after invalid_grant',
			{ name: 'NodeOperationError', message: 'The credential "x" needs to be reconnected.', failure: { cause: 'credential-invalid' } },
		],
		['a refused refresh (client-oauth2 AuthError)', { name: 'Error', message: 'The provided authorization grant is invalid', code: 'EAUTH', body: { error: 'invalid_client' } }],
	])('%s: the login is gone, reconnect', (_name, cause) => {
		const failure = readHttpFailure(wrapped(cause));
		expect(failure.kind).toBe('login');
		const error = toNodeApiError(node, failure, { secrets: [] });
		expect(error.message).toBe('The lexoffice login of this credential is no longer valid');
		expect(error.description).toMatch(/reconnect it/);
	});

	test.each([
		['axios CanceledError', { name: 'CanceledError', message: 'canceled', code: 'ERR_CANCELED' }],
		['AbortError', { name: 'AbortError', message: 'This operation was aborted', code: 'ABORT_ERR' }],
	])('%s: cancelled', (_name, cause) => {
		expect(readHttpFailure(wrapped(cause)).kind).toBe('cancelled');
	});

	test('n8n’s SSRF block keeps n8n’s explanation', () => {
		const cause = {
			name: 'SsrfBlockedIpError',
			message: 'The request was blocked because it resolves to a restricted IP address',
			description: 'The target 10.0.0.1 is not allowed.',
		};
		const failure = readHttpFailure(wrapped(cause));
		expect(failure.kind).toBe('blocked');
		const error = toNodeApiError(node, failure, { secrets: [] });
		expect(error.message).toBe('n8n blocked the request to lexoffice before sending it');
		expect(error.description).toContain('The target 10.0.0.1 is not allowed.');
	});

	test('the reason passed on is scrubbed', () => {
		const failure = readHttpFailure(wrapped({ name: 'Error', message: 'token tok-secret-123 refused' }));
		const error = toNodeApiError(node, failure, { secrets: ['tok-secret-123'] });
		expect(error.description).not.toContain('tok-secret-123');
	});
});

describe('isVersionConflict', () => {
	test('contacts: 406 with an IssueList entry for version (as measured on the real service)', () => {
		expect(isVersionConflict({ status: 406, headers: {}, body: { IssueList: [{ source: 'version', i18nKey: 'invalid_value', type: 'validation_failure' }] } })).toBe(true);
	});

	test('409 naming the version or a conflict counts; 409 for a draft without a document does not', () => {
		expect(isVersionConflict({ status: 409, headers: {}, body: { IssueList: [{ source: 'version', i18nKey: 'conflict', type: 'conflict' }] } })).toBe(true);
		expect(isVersionConflict({ status: 409, headers: {}, body: { details: [{ field: 'version', violation: 'OPTIMISTIC_LOCK' }] } })).toBe(true);
		expect(isVersionConflict({ status: 409, headers: {}, body: { message: 'Invoice is a draft; no file available' } })).toBe(false);
	});

	test('a 406 about another field, or version missing, is not a conflict', () => {
		expect(isVersionConflict({ status: 406, headers: {}, body: { IssueList: [{ source: 'company.name', i18nKey: 'missing_entity' }] } })).toBe(false);
		expect(isVersionConflict({ status: 406, headers: {}, body: { IssueList: [{ source: 'version', i18nKey: 'missing_entity' }] } })).toBe(false);
		expect(isVersionConflict({ status: 400, headers: {}, body: 'version' })).toBe(false);
	});
});
