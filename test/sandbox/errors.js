'use strict';

// The three error body shapes of lexoffice (fact sheet §6).

const http = require('http');
const { randomUuid, traceId, formatBerlin } = require('./util');

/** Gateway / auth shape: {"message": "..."} */
function gateway(status, message, headers) {
	return { status, headers, json: { message } };
}

function issue(i18nKey, source, type = 'validation_failure') {
	return { i18nKey, source: source ?? null, type, additionalData: null, args: null };
}

/** Legacy IssueList shape (contacts, files, vouchers). */
function legacy(status, issues) {
	return { status, json: { requestId: randomUuid(), IssueList: issues } };
}

function legacyBadRequest(source) {
	return legacy(400, [issue('bad_request_error', source, 'bad_request_error')]);
}

/** Regular shape (invoices, voucherlist, profile, ...). */
function regular(status, path, message, details) {
	const json = {
		timestamp: formatBerlin(Date.now()),
		status,
		error: http.STATUS_CODES[status] || 'Error',
		path,
		traceId: traceId(),
		message: message === undefined ? null : message,
	};
	if (details) json.details = details;
	return { status, json };
}

const VALIDATION_MESSAGE = 'Validation failed for request. Please see details list for specific causes.';

function validation(path, details) {
	return regular(406, path, VALIDATION_MESSAGE, details);
}

function detail(violation, field, message) {
	return { violation, field, message };
}

module.exports = { gateway, issue, legacy, legacyBadRequest, regular, validation, detail, VALIDATION_MESSAGE };
