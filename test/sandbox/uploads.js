'use strict';

// POST /v1/files and POST /v1/vouchers/{id}/files: what lexoffice accepts and refuses
// (facts sheet 2, §1). Legacy IssueList errors; a missing `file` part is a 500.

const crypto = require('crypto');
const { legacy, issue, regular } = require('./errors');
const { parseMultipart } = require('./multipart');
const { randomUuid } = require('./util');

const MAX_FILE_BYTES = 5 * 1024 * 1024;
const EXTENSIONS = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', xml: 'application/xml' };

function refuse(key) {
	return legacy(406, [issue(key, 'file')]);
}

function extensionOf(name) {
	const dot = String(name || '').lastIndexOf('.');
	return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Checks the bytes as lexoffice does; returns an error result or the stored kind. */
function checkContent(ext, data) {
	if (data.length > MAX_FILE_BYTES) return { error: refuse('max_file_size_exceeded') };
	if (!EXTENSIONS[ext]) return { error: refuse('inacceptable_file_extension') };
	if (ext === 'pdf') {
		const tail = data.subarray(Math.max(0, data.length - 1024)).toString('latin1');
		if (data.subarray(0, 5).toString('latin1') !== '%PDF-' || !tail.includes('%%EOF')) return { error: refuse('voucher_upload_toxic_pdf') };
		return { kind: 'pdf' };
	}
	if (ext === 'png') {
		const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		if (data.length < 24 || !data.subarray(0, 8).equals(sig)) return { error: refuse('image_conversion_error') };
		if (data.readUInt32BE(16) * data.readUInt32BE(20) <= 1) return { error: refuse('image_conversion_error') };
		return { kind: 'png' };
	}
	if (ext === 'jpg' || ext === 'jpeg') {
		if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8 || data[2] !== 0xff) return { error: refuse('image_conversion_error') };
		return { kind: 'jpg' };
	}
	const text = data.subarray(0, 4096).toString('utf8');
	if (!/<(?:[\w-]+:)?(?:Invoice|CrossIndustryInvoice|CreditNote)\b/.test(text)) return { error: refuse('invalid_xrechnung') };
	return { kind: 'xml' };
}

/**
 * Parses and checks an upload, and stores the file (identical bytes are stored once).
 * Returns { error } or { file, duplicate }.
 */
function receiveFile(ctx, { requireType }) {
	const parsed = parseMultipart(ctx.headers['content-type'], ctx.rawBody);
	const part = parsed?.files.find((f) => f.field === 'file');
	if (!part) return { error: regular(500, ctx.path, null) };
	if (requireType && parsed.fields.type !== 'voucher') {
		return { error: regular(400, ctx.path, 'Invalid or missing upload type.') };
	}
	const ext = extensionOf(part.fileName);
	if (ext === 'xml' && ctx.state.eInvoicing === false) return { error: refuse('inacceptable_file_extension') };
	const checked = checkContent(ext, part.data);
	if (checked.error) return checked;
	const checksum = crypto.createHash('sha256').update(part.data).digest('hex');
	const existing = ctx.state.fileChecksums.get(checksum);
	if (existing) return { file: ctx.state.files.get(existing), duplicate: true };
	const id = randomUuid();
	const stored = ext === 'jpeg' ? 'jpg' : ext;
	const file = {
		id,
		bytes: part.data,
		contentType: EXTENSIONS[ext],
		fileName: `${id}.${stored}`,
		kind: checked.kind,
		bookkeeping: true,
		uploadedName: part.fileName,
	};
	ctx.state.files.set(id, file);
	ctx.state.fileChecksums.set(checksum, id);
	return { file, duplicate: false };
}

module.exports = { receiveFile, MAX_FILE_BYTES };
