'use strict';

// multipart/form-data parsing for the upload routes: parts with their headers, byte-exact.

const MAX_PART_HEADER = 8 * 1024;

function boundaryOf(contentType) {
	const m = /^multipart\/form-data\s*;(.*)$/i.exec(contentType || '');
	if (!m) return null;
	for (const param of m[1].split(';')) {
		const eq = param.indexOf('=');
		if (eq < 0) continue;
		if (param.slice(0, eq).trim().toLowerCase() !== 'boundary') continue;
		const value = param.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
		return value && value.length <= 200 ? value : null;
	}
	return null;
}

function dispositionParams(value) {
	const out = {};
	const re = /;\s*([\w*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
	let m;
	while ((m = re.exec(value))) out[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3].trim();
	return out;
}

/**
 * Parses a multipart/form-data body. Returns { fields: {name: text}, files: [{field, fileName,
 * contentType, data}] } or null when the body is not multipart or is malformed.
 */
function parseMultipart(contentType, raw) {
	const boundary = boundaryOf(contentType);
	if (!boundary) return null;
	const delimiter = Buffer.from(`--${boundary}`, 'latin1');
	let pos = raw.indexOf(delimiter);
	if (pos < 0) return null;
	const fields = {};
	const files = [];
	for (;;) {
		pos += delimiter.length;
		if (raw[pos] === 0x2d && raw[pos + 1] === 0x2d) break; // closing delimiter "--"
		if (raw[pos] !== 0x0d || raw[pos + 1] !== 0x0a) return null;
		pos += 2;
		const headerEnd = raw.indexOf('\r\n\r\n', pos, 'latin1');
		if (headerEnd < 0 || headerEnd - pos > MAX_PART_HEADER) return null;
		const headers = {};
		for (const line of raw.subarray(pos, headerEnd).toString('utf8').split('\r\n')) {
			const colon = line.indexOf(':');
			if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
		}
		const bodyStart = headerEnd + 4;
		const next = raw.indexOf(Buffer.concat([Buffer.from('\r\n', 'latin1'), delimiter]), bodyStart);
		if (next < 0) return null;
		const data = raw.subarray(bodyStart, next);
		const disposition = headers['content-disposition'] || '';
		if (!/^form-data\b/i.test(disposition)) return null;
		const params = dispositionParams(disposition);
		if (params.name === undefined) return null;
		if (params.filename !== undefined) {
			files.push({ field: params.name, fileName: params.filename, contentType: headers['content-type'] || 'application/octet-stream', data: Buffer.from(data) });
		} else {
			fields[params.name] = data.toString('utf8');
		}
		pos = next + 2;
	}
	return { fields, files };
}

module.exports = { parseMultipart };
