'use strict';

/**
 * End-to-end: receipts into lexoffice's bookkeeping in a real n8n (the packed package, like
 * the Community Nodes screen installs it). Files come from n8n's own HTTP Request node,
 * downloading from a loopback server, the way a portal or a mail attachment would arrive.
 *
 *   npx jest --testMatch '**\/test/e2e/**\/receipts.e2e.js' --runInBand
 */

const crypto = require('node:crypto');
const http = require('node:http');
const { NODE_TYPE, startStack, lexNode, rowsNodes, connect, byId, nodes, entriesSince, apiEntries } = require('./support/stack');
const { pdf, png, xrechnung } = require('../harness/fixtures/receipts');

jest.setTimeout(180 * 1000);
const BOOT_TIMEOUT = 15 * 60 * 1000;
const MiB5 = 5 * 1024 * 1024;
const TRAVEL = '16d04a2a-2836-4b33-9e5c-3c4d6f6a1b2c';

/** A loopback web server handing out files, as a supplier portal would. */
async function startFileServer(files) {
	const server = http.createServer((req, res) => {
		const file = files[new URL(req.url, 'http://x').pathname];
		if (!file) {
			res.writeHead(404).end();
			return;
		}
		res.writeHead(200, { 'Content-Type': file.type, 'Content-Length': String(file.bytes.length) });
		res.end(file.bytes);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

function download(name, position) {
	return {
		id: crypto.randomUUID(),
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position,
		parameters: { url: '={{ $json.url }}', options: { response: { response: { responseFormat: 'file' } } } },
	};
}

describe('receipts in a real n8n', () => {
	let S;
	let files;
	let cred;
	const good = {
		'/tankstelle.pdf': { bytes: pdf('Tankstelle 61,20 EUR'), type: 'application/pdf' },
		'/kassenbon.png': { bytes: png(16, 12), type: 'image/png' },
		'/rechnung.xml': { bytes: xrechnung('XR-2024-17'), type: 'application/xml' },
	};
	const bad = {
		'/leer.pdf': { bytes: Buffer.alloc(0), type: 'application/pdf' },
		'/gross.pdf': { bytes: pdf('zu gross', MiB5 + 1), type: 'application/pdf' },
		'/animation.gif': { bytes: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1'), type: 'image/gif' },
		'/notiz.txt': { bytes: Buffer.from('Bitte bezahlen'), type: 'text/plain' },
		'/scan.png': { bytes: pdf('eigentlich pdf'), type: 'application/octet-stream' },
		'/rechnung-falsch.pdf': { bytes: xrechnung('XR-falsch'), type: 'application/octet-stream' },
		'/foto.jpg': { bytes: png(5, 5), type: 'application/octet-stream' },
		'/belege.zip': { bytes: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), type: 'application/zip' },
		'/dokument': { bytes: pdf('als png ausgegeben'), type: 'image/png' },
	};

	beforeAll(async () => {
		// A busy machine can take longer than the default 90 s to boot n8n.
		S = await startStack({ logLevel: 'info', seed: { contacts: 1, invoices: 0 }, readyTimeoutMs: 8 * 60 * 1000 });
		files = await startFileServer({ ...good, ...bad });
		cred = await S.api.createCredential({
			name: 'lexoffice (receipts)',
			type: 'lexofficeApi',
			data: { apiKey: S.secrets.apiKey, environment: 'custom', customApiBaseUrl: S.sb.url, requestsPerSecond: 10 },
		});
	}, BOOT_TIMEOUT);

	afterAll(async () => {
		await files?.close();
		if (S) await S.stop();
	}, 60 * 1000);

	const opts = (position, extra) => ({ auth: 'apiKey', position, extra });
	const uploaded = {};

	test('a PDF, a PNG and an XML e-invoice downloaded by n8n are uploaded; lexoffice holds them byte for byte', async () => {
		const rows = Object.keys(good).map((path) => ({ url: `${files.url}${path}` }));
		const feed = rowsNodes('Receipts', rows);
		const before = S.sb.state.counters.requests;
		const ex = await S.api.runWorkflow({
			name: 'receipts upload',
			nodes: [
				nodes.manualTrigger('Start'),
				...feed.nodes,
				download('Download', [660, 0]),
				lexNode('Upload', { resource: 'file', operation: 'upload', binaryPropertyName: 'data' }, cred, opts([880, 0])),
			],
			connections: connect([['Start', feed.names[0]], [feed.names[0], feed.names[1]], [feed.names[1], 'Download'], ['Download', 'Upload']]),
		});
		expect({ status: ex.status, error: ex.error && ex.error.message }).toEqual({ status: 'success', error: null });
		const out = ex.nodes.Upload.items.map((i) => i.json);
		expect(out.map((j) => j.fileName)).toEqual(['tankstelle.pdf', 'kassenbon.png', 'rechnung.xml']);
		Object.keys(good).forEach((path, index) => {
			const stored = S.sb.state.files.get(out[index].id);
			expect(Buffer.compare(stored.bytes, good[path].bytes)).toBe(0);
			expect(S.sb.state.vouchers.get(out[index].voucherId).files).toEqual([out[index].id]);
			uploaded[path] = out[index];
		});
		const posts = apiEntries(entriesSince(S.sb, before)).filter((e) => e.method === 'POST');
		expect(posts.map((e) => `${e.path} ${e.status}`)).toEqual(['/v1/files 202', '/v1/files 202', '/v1/files 202']);
	});

	test('a voucher with its file is completed and updated; the file stays attached', async () => {
		const { id: fileId, voucherId } = uploaded['/tankstelle.pdf'];
		const ex = await S.api.runWorkflow({
			name: 'receipts update',
			nodes: [
				nodes.manualTrigger('Start'),
				lexNode(
					'Complete',
					{
						resource: 'voucher',
						operation: 'update',
						voucherId: byId(voucherId),
						updateFields: { voucherNumber: 'TS-0815', voucherDate: '2024-03-15', markOpen: true, remark: 'Dienstfahrt' },
						voucherItems: { item: [{ amount: 61.2, taxAmount: 4, taxRatePercent: 7, categoryId: TRAVEL }] },
					},
					cred,
					opts([220, 0]),
				),
				lexNode('Rename', { resource: 'voucher', operation: 'update', voucherId: byId(voucherId), updateFields: { voucherNumber: 'TS-0816' }, voucherItems: {} }, cred, opts([440, 0])),
			],
			connections: connect([['Start', 'Complete'], ['Complete', 'Rename']]),
		});
		expect({ status: ex.status, error: ex.error && ex.error.message }).toEqual({ status: 'success', error: null });
		const stored = S.sb.state.vouchers.get(voucherId);
		expect(stored).toMatchObject({ voucherNumber: 'TS-0816', voucherStatus: 'open', remark: 'Dienstfahrt', totalGrossAmount: 61.2, files: [fileId], version: 2 });
	});

	test('the posting category list follows the voucher type; the voucher search finds uploaded receipts', async () => {
		const ask = (endpoint, body) =>
			S.api.rest('POST', `/dynamic-node-parameters/${endpoint}`, {
				nodeTypeAndVersion: { name: NODE_TYPE, version: 1 },
				credentials: { lexofficeApi: { id: cred.id, name: cred.name } },
				...body,
			});
		const categories = async (voucherType) => {
			const answer = await ask('options', {
				path: 'voucherItems.item.categoryId',
				methodName: 'getPostingCategories',
				currentNodeParameters: { authentication: 'apiKey', resource: 'voucher', operation: 'create', voucherType },
			});
			return (Array.isArray(answer) ? answer : (answer.data ?? [])).map((option) => option.value);
		};
		const income = await categories('salesinvoice');
		const outgo = await categories('purchaseinvoice');
		expect(income).toContain('8f8664a8-fd86-11e1-a21f-0800200c9a66');
		expect(outgo).toContain(TRAVEL);
		expect(income).not.toContain(TRAVEL);
		const answer = await ask('resource-locator-results', {
			path: 'voucherId',
			methodName: 'searchVouchers',
			currentNodeParameters: { authentication: 'apiKey', resource: 'voucher', operation: 'get' },
			filter: 'TS-0816',
		});
		const results = answer.results ?? answer.data?.results ?? [];
		expect(results.map((result) => result.value)).toEqual([uploaded['/tankstelle.pdf'].voucherId]);
		expect(results[0].url).toMatch(/\/permalink\/vouchers\/view\//);
	});

	test('ten bad uploads each fail before anything is sent, with a message naming the field and the item', async () => {
		const rows = [
			...Object.keys(bad).map((path) => ({ url: `${files.url}${path}`, field: 'data' })),
			{ url: `${files.url}/tankstelle.pdf`, field: 'beleg' },
		];
		const feed = rowsNodes('Bad', rows);
		const before = S.sb.state.counters.requests;
		const ex = await S.api.runWorkflow({
			name: 'receipts bad uploads',
			nodes: [
				nodes.manualTrigger('Start'),
				...feed.nodes,
				download('Download', [660, 0]),
				lexNode(
					'Upload',
					{ resource: 'file', operation: 'upload', binaryPropertyName: '={{ $json.field }}' },
					cred,
					opts([880, 0], { onError: 'continueRegularOutput' }),
				),
			],
			connections: connect([['Start', feed.names[0]], [feed.names[0], feed.names[1]], [feed.names[1], 'Download'], ['Download', 'Upload']]),
		});
		expect(ex.status).toBe('success');
		const errors = ex.nodes.Upload.items.map((i) => i.json.error);
		expect(errors).toHaveLength(10);
		const expected = [
			/Input Binary Field "data" (is empty|does not exist)/,
			/is 5,242,881 bytes; lexoffice accepts at most 5,242,880 bytes/,
			/is a GIF image/,
			/is not a PDF, JPEG, PNG or XML file/,
			/has the file name "scan.png", but its content is a PDF/,
			/has the file name "rechnung-falsch.pdf", but its content is a XML e-invoice/,
			/has the file name "foto.jpg", but its content is a PNG image/,
			/is a ZIP archive/,
			/is declared as image\/png but its content is a PDF/,
			/Input Binary Field "beleg" does not exist on this item; it has "data"/,
		];
		errors.forEach((message, index) => {
			expect(message).toMatch(expected[index]);
			expect(message).toMatch(new RegExp(`\\[item ${index}\\]$`));
		});
		expect(apiEntries(entriesSince(S.sb, before))).toEqual([]);
	});
});
