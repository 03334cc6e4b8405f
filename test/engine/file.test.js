'use strict';
// File → Upload and File → Download inside n8n's engine against the sandbox over loopback.
// Expectations follow lexoffice's documented behaviour (/work/shared/lexoffice-api-more.md §1, §8).
const { createTestbed } = require('../harness/testbed');
const { pdf, png, jpeg, xrechnung, binaryItem } = require('../harness/fixtures/receipts');

let bed;
beforeAll(async () => {
	bed = await createTestbed({ requestsPerSecond: 200 });
});
afterAll(async () => {
	await bed?.close();
});
beforeEach(() => {
	bed.sandbox.setFaults({ rate429: 0, rate500: 0, rate503: 0, rate504AfterCommit: 0, rateReset: 0, seed: 5 });
	bed.sandbox.setEInvoicing(true);
	bed.sandbox.clearLog();
	bed.hooks.onLog = undefined;
});

const upload = (overrides = {}) => ({ resource: 'file', operation: 'upload', binaryPropertyName: 'data', ...overrides });
const uploads = () => bed.apiRequests().filter((entry) => entry.method === 'POST' && entry.path === '/v1/files');
const MiB5 = 5 * 1024 * 1024;

describe('File → Upload', () => {
	test.each([
		['PDF', () => pdf('Tankquittung 61,20 EUR'), 'tank.pdf', 'application/pdf', 'application/pdf'],
		['PNG', () => png(8, 6), 'kassenbon.png', 'image/png', 'image/png'],
		['JPEG', () => jpeg(), 'foto.JPEG', 'image/jpeg', 'image/jpeg'],
		['XML e-invoice', () => xrechnung('R-1'), 'rechnung.xml', 'text/xml', 'application/xml'],
	])('uploads a %s as multipart with part "file" and type=voucher; lexoffice keeps the bytes', async (_label, make, fileName, mimeType, sentType) => {
		const bytes = make();
		const result = await bed.run(upload(), { items: [binaryItem(bytes, { fileName, mimeType })] });
		expect(result.error).toBeUndefined();
		const json = result.items[0].json;
		expect(json).toMatchObject({ fileName, mimeType: sentType, size: bytes.length });
		expect(json.id).toMatch(/^[0-9a-f-]{36}$/);
		expect(json.voucherId).toMatch(/^[0-9a-f-]{36}$/);
		const stored = bed.sandbox.state.files.get(json.id);
		expect(Buffer.compare(stored.bytes, bytes)).toBe(0);
		const [sent] = uploads();
		expect(sent.requestBody).toContain(`Content-Disposition: form-data; name="type"\r\n\r\nvoucher`);
		expect(sent.requestBody).toContain(`Content-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${sentType}`);
		// Every upload becomes an unchecked purchase voucher holding the file.
		const voucher = bed.sandbox.state.vouchers.get(json.voucherId);
		expect(voucher).toMatchObject({ type: 'purchaseinvoice', voucherStatus: 'unchecked', files: [json.id] });
	});

	test('a file without a name gets one with the extension its content shows', async () => {
		const result = await bed.run(upload(), { items: [binaryItem(pdf('ohne Namen'))] });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.fileName).toBe('receipt.pdf');
		const name = await bed.run(upload(), { items: [binaryItem(png(3, 3), { fileName: 'scan' })] });
		expect(name.items[0].json.fileName).toBe('scan.png');
	});

	test('identical bytes give the same file and voucher, as lexoffice deduplicates by checksum', async () => {
		const bytes = pdf('doppelt');
		const result = await bed.run(upload(), { items: [binaryItem(bytes, { fileName: 'a.pdf' }), binaryItem(bytes, { fileName: 'b.pdf' })] });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.id).toBe(result.items[1].json.id);
		expect(result.items[0].json.voucherId).toBe(result.items[1].json.voucherId);
	});

	test('exactly 5,242,880 bytes are uploaded; the binary field picker reads any field', async () => {
		const bytes = pdf('gross', MiB5);
		const result = await bed.run(upload({ binaryPropertyName: 'beleg' }), { items: [binaryItem(bytes, { fileName: 'gross.pdf', field: 'beleg' })] });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.size).toBe(MiB5);
		expect(bed.sandbox.state.files.get(result.items[0].json.id).bytes.length).toBe(MiB5);
	});

	const bad = [
		['empty file', () => binaryItem(Buffer.alloc(0), { fileName: 'leer.pdf', mimeType: 'application/pdf' }), {}, /^Input Binary Field "data" is empty \(0 bytes\)/],
		['one byte over 5 MiB', () => binaryItem(pdf('zu gross', MiB5 + 1), { fileName: 'x.pdf' }), {}, /is 5,242,881 bytes; lexoffice accepts at most 5,242,880 bytes/],
		['missing binary property', () => binaryItem(pdf(), { fileName: 'x.pdf', field: 'other' }), {}, /^Input Binary Field "data" does not exist on this item; it has "other"/],
		['item without any binary', () => ({ json: { a: 1 } }), {}, /this item has no binary data at all/],
		['GIF image', () => binaryItem(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), { fileName: 'x.gif', mimeType: 'image/gif' }), {}, /is a GIF image .*lexoffice accepts only PDF, JPEG, PNG and XML/],
		['plain text', () => binaryItem(Buffer.from('Hallo Welt'), { fileName: 'x.txt', mimeType: 'text/plain' }), {}, /is not a PDF, JPEG, PNG or XML file/],
		['PDF named .png', () => binaryItem(pdf(), { fileName: 'bild.png', mimeType: 'application/octet-stream' }), {}, /has the file name "bild.png", but its content is a PDF/],
		['PNG declared as application/pdf', () => binaryItem(png(), { fileName: 'scan', mimeType: 'application/pdf' }), {}, /is declared as application\/pdf but its content is a PNG image/],
		['XML named .pdf', () => binaryItem(xrechnung(), { fileName: 'rechnung.pdf' }), {}, /has the file name "rechnung.pdf", but its content is a XML e-invoice/],
		['ZIP archive', () => binaryItem(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), { fileName: 'belege.zip' }), {}, /is a ZIP archive or Office document/],
		['empty field name', () => binaryItem(pdf(), { fileName: 'x.pdf', json: { field: '' } }), { binaryPropertyName: '={{ $json.field ?? "data" }}' }, /^Input Binary Field is required/],
	];
	test.each(bad)('refuses %s before sending anything, naming the field and the item', async (_label, makeItem, params, message) => {
		const good = binaryItem(pdf('gut'), { fileName: 'gut.pdf' });
		const result = await bed.run(upload(params), { items: [good, makeItem()] });
		expect(result.error).toBeDefined();
		expect(result.error.message).toMatch(message);
		expect(result.error.message).toMatch(/\[item 1\]$/);
		// The good first item was not uploaded either: all items are checked first.
		expect(uploads()).toHaveLength(0);
	});

	test('with Continue On Fail a bad file fails alone and the others are uploaded', async () => {
		const result = await bed.run(upload(), {
			items: [binaryItem(pdf('eins'), { fileName: 'eins.pdf' }), binaryItem(Buffer.alloc(0), { fileName: 'leer.pdf' }), binaryItem(png(5, 5), { fileName: 'zwei.png' })],
			continueOnFail: true,
		});
		expect(result.items[0].json.id).toBeDefined();
		expect(result.items[1].json.error).toMatch(/is empty/);
		expect(result.items[2].json.id).toBeDefined();
		expect(uploads()).toHaveLength(2);
	});

	test('an XML upload without lexoffice’s E-Rechnung feature is explained', async () => {
		bed.sandbox.setEInvoicing(false);
		const result = await bed.run(upload(), { items: [binaryItem(xrechnung('R-9'), { fileName: 'r.xml' })] });
		expect(result.error.message).toMatch(/^lexoffice does not accept this kind of file: "r.xml" \[item 0\]/);
		expect(result.error.description).toMatch(/E-Rechnung/);
	});

	test('lexoffice’s refusals of damaged files are explained', async () => {
		const broken = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n'); // no %%EOF
		const result = await bed.run(upload(), { items: [binaryItem(broken, { fileName: 'kaputt.pdf' })], continueOnFail: true });
		expect(result.items[0].json.error).toMatch(/lexoffice refused the PDF as damaged or unsafe/);
		const tiny = await bed.run(upload(), { items: [binaryItem(png(1, 1), { fileName: 'pixel.png' })], continueOnFail: true });
		expect(tiny.items[0].json.error).toMatch(/could not convert the image/);
	});

	test('a 429 is waited out and the upload sent again; nothing else is repeated', async () => {
		let first = true;
		bed.sandbox.setFaults({ rate429: 1 });
		bed.hooks.onLog = () => {
			if (first) bed.sandbox.setFaults({ rate429: 0 });
			first = false;
		};
		const result = await bed.run(upload(), { items: [binaryItem(pdf('429'), { fileName: 'r.pdf' })] });
		expect(result.error).toBeUndefined();
		expect(uploads().map((e) => e.status)).toEqual([429, 202]);
	});

	test('with OAuth2, an access token that expired is refreshed and the upload sent again in full', async () => {
		bed.connectOAuth2('oauth-upload');
		bed.sandbox.expireAllAccessTokens();
		const bytes = pdf('nach dem Refresh');
		const result = await bed.run(upload(), { items: [binaryItem(bytes, { fileName: 'refresh.pdf' })], auth: 'oauth-upload' });
		expect(result.error).toBeUndefined();
		// The multipart body is one Buffer, so n8n can send it again after the refresh.
		expect(uploads().map((e) => e.status)).toEqual([401, 202]);
		expect(Buffer.compare(bed.sandbox.state.files.get(result.items[0].json.id).bytes, bytes)).toBe(0);
	});

	test('a 5xx is not repeated and says the file may have arrived', async () => {
		bed.sandbox.setFaults({ rate500: 1 });
		const result = await bed.run(upload(), { items: [binaryItem(pdf('500'), { fileName: 'r.pdf' })] });
		expect(result.error.message).toMatch(/HTTP 500/);
		expect(result.error.description).toMatch(/may have carried out the request anyway/);
		expect(uploads()).toHaveLength(1);
	});
});

describe('File → Download', () => {
	const download = (id, overrides = {}) => ({ resource: 'file', operation: 'download', fileId: id, representation: 'original', binaryPropertyName: 'data', ...overrides });

	async function uploaded(bytes, fileName) {
		const result = await bed.run(upload(), { items: [binaryItem(bytes, { fileName })] });
		return result.items[0].json.id;
	}

	test('gives back the uploaded bytes unchanged, named from Content-Disposition', async () => {
		const bytes = png(7, 7);
		const id = await uploaded(bytes, 'bon.png');
		const result = await bed.run(download(id));
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.json).toMatchObject({ id, fileName: `${id}.png`, mimeType: 'image/png', size: bytes.length });
		expect(Buffer.compare(await bed.engine.getBinaryBuffer(item, 'data'), bytes)).toBe(0);
		expect(bed.apiRequests().at(-1)).toMatchObject({ method: 'GET', path: `/v1/files/${id}` });
	});

	test('an XML e-invoice comes as XML, or rendered as PDF when asked', async () => {
		const bytes = xrechnung('R-77');
		const id = await uploaded(bytes, 'r77.xml');
		const asXml = await bed.run(download(id, { representation: 'xml', binaryPropertyName: 'xml' }));
		expect(Buffer.compare(await bed.engine.getBinaryBuffer(asXml.items[0], 'xml'), bytes)).toBe(0);
		const asPdf = await bed.run(download(id, { representation: 'pdf' }));
		expect(asPdf.items[0].json.mimeType).toBe('application/pdf');
		expect((await bed.engine.getBinaryBuffer(asPdf.items[0], 'data')).subarray(0, 5).toString()).toBe('%PDF-');
	});

	test('asking a PDF for its XML is explained', async () => {
		const id = await uploaded(pdf('kein xml'), 'k.pdf');
		const result = await bed.run(download(id, { representation: 'xml' }));
		expect(result.error.message).toMatch(/^lexoffice has no XML for file/);
	});

	test('a file ID that is not a UUID fails before any request', async () => {
		const result = await bed.run(download('abc'));
		expect(result.error.message).toMatch(/^File ID must be a lexoffice ID/);
		expect(bed.apiRequests()).toHaveLength(0);
	});
});
