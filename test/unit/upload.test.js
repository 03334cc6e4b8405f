'use strict';
// Pure tests of the upload helpers: content sniffing and the multipart body the transport sends.
const { sniffKind, extensionOf, MAX_UPLOAD_BYTES } = require('../../dist/nodes/Lexoffice/helpers/upload');
const { encodeMultipart } = require('../../dist/nodes/Lexoffice/transport/multipart');
const { parseMultipart } = require('../sandbox/multipart');
const { pdf, png, jpeg, xrechnung } = require('../harness/fixtures/receipts');

describe('sniffKind', () => {
	test.each([
		['pdf', pdf()],
		['png', png()],
		['jpg', jpeg()],
		['xml', xrechnung()],
		['xml', Buffer.from('\ufeff  <Invoice/>', 'utf8')],
		['xml', Buffer.from('<rsm:CrossIndustryInvoice/>')],
		[undefined, Buffer.from('GIF89a')],
		[undefined, Buffer.from('hello')],
		[undefined, Buffer.from('< not xml')],
		[undefined, Buffer.alloc(0)],
	])('%s', (kind, bytes) => {
		expect(sniffKind(bytes)).toBe(kind);
	});
});

test('extensionOf reads the last extension of the last path segment', () => {
	expect(extensionOf('a/b/Beleg.Final.PDF')).toBe('pdf');
	expect(extensionOf('.hidden')).toBeUndefined();
	expect(extensionOf('noext')).toBeUndefined();
	expect(extensionOf('dot.')).toBeUndefined();
	expect(MAX_UPLOAD_BYTES).toBe(5242880);
});

describe('encodeMultipart', () => {
	test('round-trips fields and binary file bytes exactly, with a fresh boundary each time', () => {
		const bytes = Buffer.concat([pdf(), Buffer.from('\r\n--not-a-boundary\r\n'), Buffer.from([0, 255, 13, 10])]);
		const body = { fields: { type: 'voucher' }, files: [{ field: 'file', fileName: 'Beleg "1".pdf', contentType: 'application/pdf', data: bytes }] };
		const first = encodeMultipart(body);
		const second = encodeMultipart(body);
		expect(first.contentType).toMatch(/^multipart\/form-data; boundary=-{4}lexoffice[0-9a-f]{32}$/);
		expect(first.contentType).not.toBe(second.contentType);
		const parsed = parseMultipart(first.contentType, first.buffer);
		expect(parsed.fields).toEqual({ type: 'voucher' });
		expect(parsed.files).toHaveLength(1);
		expect(parsed.files[0]).toMatchObject({ field: 'file', fileName: 'Beleg _1_.pdf', contentType: 'application/pdf' });
		expect(Buffer.compare(parsed.files[0].data, bytes)).toBe(0);
		expect(first.buffer.length).toBeLessThan(bytes.length + 400);
	});
});
