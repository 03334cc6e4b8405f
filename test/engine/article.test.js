'use strict';
// Article operations run inside n8n's engine against the lexoffice sandbox over loopback.
const { createTestbed } = require('../harness/testbed');

let bed;
beforeAll(async () => {
	bed = await createTestbed();
});
afterAll(async () => {
	await bed?.close();
});
beforeEach(() => {
	bed.sandbox.state.articles.clear();
	bed.sandbox.clearLog();
});

const byId = (value) => ({ __rl: true, mode: 'id', value });
const articles = () => [...bed.sandbox.state.articles.values()];
const requests = (method) => bed.apiRequests().filter((entry) => entry.method === method);

function createParams(overrides = {}) {
	return {
		resource: 'article',
		operation: 'create',
		title: 'Beratungsstunde',
		type: 'SERVICE',
		unitName: 'Stunde',
		leadingPrice: 'GROSS',
		price: 11.9,
		taxRate: 19,
		additionalFields: {},
		options: {},
		...overrides,
	};
}

const seed = (over = {}) =>
	bed.sandbox.seedArticles([{ title: 'Schraube', type: 'PRODUCT', unitName: 'Stück', price: { leadingPrice: 'NET', netPrice: 1.5, taxRate: 19 }, ...over }])[0];

describe('Create', () => {
	test('typed fields arrive as lexoffice wants them; the stored record comes back (one POST, one GET)', async () => {
		const result = await bed.run(
			createParams({ additionalFields: { articleNumber: 'B-1', gtin: '4006381333931', description: 'Eine Stunde', note: 'intern' } }),
		);
		expect(result.error).toBeUndefined();
		const [post] = requests('POST');
		expect(post.requestBody).toEqual({
			title: 'Beratungsstunde',
			type: 'SERVICE',
			unitName: 'Stunde',
			price: { grossPrice: 11.9, leadingPrice: 'GROSS', taxRate: 19 },
			articleNumber: 'B-1',
			gtin: '4006381333931',
			description: 'Eine Stunde',
			note: 'intern',
		});
		expect(requests('GET')).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ title: 'Beratungsstunde', version: 0, price: { netPrice: 10, grossPrice: 11.9 } });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('Return Stored Record off: only the POST, its answer returned', async () => {
		const result = await bed.run(createParams({ options: { returnStoredRecord: false } }));
		expect(result.error).toBeUndefined();
		expect(bed.apiRequests()).toHaveLength(1);
		expect(Object.keys(result.items[0].json).sort()).toEqual(['createdDate', 'id', 'resourceUri', 'updatedDate', 'version']);
	});

	test.each([
		['a GTIN with a wrong check digit', createParams({ additionalFields: { gtin: '4006381333932' } }), /^Additional Fields → GTIN has a wrong check digit: "4006381333932" should end in 1 \[item 0\]$/],
		['a GTIN of 9 digits', createParams({ additionalFields: { gtin: '123456789' } }), /^Additional Fields → GTIN must be a GTIN of 8, 12, 13 or 14 digits/],
		['a price with a comma', createParams({ price: '11,90' }), /^Price "11,90" contains a comma \[item 0\]$/],
		['a price with 5 decimals', createParams({ price: 1.23456 }), /^Price has more than 4 decimal places/],
		['a tax rate of 16', createParams({ taxRate: 16 }), /^Tax Rate must be 0, 7 or 19/],
		['a lowercase-unknown type', createParams({ type: 'goods' }), /^Type must be PRODUCT or SERVICE, not "goods"/],
		['no title (from an expression)', createParams({ title: '={{ "" }}' }), /^Title is required \[item 0\]$/],
		['no unit name', createParams({ unitName: '  ' }), /^Unit Name is required \[item 0\]$/],
		['an object as title', createParams({ title: '={{ { a: 1 } }}' }), /^Title must be text/],
	])('%s fails before any request', async (_, params, message) => {
		const result = await bed.run(params);
		expect(result.error).toBeDefined();
		expect(result.error.message).toMatch(message);
		expect(bed.apiRequests()).toHaveLength(0);
	});

	test('a lowercase type from an expression is sent uppercase (lexoffice refuses lowercase)', async () => {
		const result = await bed.run(createParams({ type: '={{ "product" }}' }));
		expect(result.error).toBeUndefined();
		expect(requests('POST')[0].requestBody.type).toBe('PRODUCT');
	});

	test('a duplicate article number: lexoffice’s 406 names the field', async () => {
		seed({ articleNumber: 'DUP' });
		const result = await bed.run(createParams({ additionalFields: { articleNumber: 'DUP' } }));
		expect(result.error.httpCode).toBe('406');
		expect(`${result.error.message} ${result.error.description}`).toMatch(/materialNumber/);
		expect(articles()).toHaveLength(1);
	});

	test('Continue On Fail: a bad item fails alone, the others are created', async () => {
		const result = await bed.run(createParams({ title: '={{ $json.title }}', additionalFields: { gtin: '={{ $json.gtin }}' } }), {
			continueOnFail: true,
			items: [{ json: { title: 'A', gtin: '96385074' } }, { json: { title: 'B', gtin: '96385075' } }, { json: { title: 'C', gtin: '' } }],
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.pairedItem.item)).toEqual([0, 1, 2]);
		expect(result.items[0].json.title).toBe('A');
		expect(result.items[1].json.error).toMatch(/GTIN has a wrong check digit/);
		expect(result.items[2].json.title).toBe('C');
		expect(articles().map((a) => a.title).sort()).toEqual(['A', 'C']);
	});

	test('without Continue On Fail one bad item stops the run before any request', async () => {
		const result = await bed.run(createParams({ title: '={{ $json.title }}' }), { items: [{ json: { title: 'A' } }, { json: { title: '' } }] });
		expect(result.error.message).toMatch(/^Title is required \[item 1\]$/);
		expect(bed.apiRequests()).toHaveLength(0);
	});
});

describe('Get and Delete', () => {
	test('get by ID, by resourceUri and unknown', async () => {
		const a = seed();
		const byIdResult = await bed.run({ resource: 'article', operation: 'get', articleId: byId(a.id) });
		expect(byIdResult.items[0].json).toEqual(a);
		const url = { __rl: true, mode: 'url', value: `${bed.sandbox.url}/v1/articles/${a.id}` };
		expect((await bed.run({ resource: 'article', operation: 'get', articleId: url })).items[0].json.id).toBe(a.id);
		const missing = await bed.run({ resource: 'article', operation: 'get', articleId: byId('3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c') });
		expect(missing.error.httpCode).toBe('404');
		const bad = await bed.run({ resource: 'article', operation: 'get', articleId: byId('={{ "ART-1" }}') });
		expect(bad.error.message).toMatch(/^Article must be a lexoffice ID/);
	});

	test('delete removes it for good; a second delete is 404', async () => {
		const a = seed();
		const result = await bed.run({ resource: 'article', operation: 'delete', articleId: byId(a.id) });
		expect(result.items[0].json).toEqual({ id: a.id, deleted: true });
		expect(articles()).toHaveLength(0);
		const again = await bed.run({ resource: 'article', operation: 'delete', articleId: byId(a.id) });
		expect(again.error.httpCode).toBe('404');
	});

	test('the article list for the picker searches titles', async () => {
		bed.sandbox.seedArticles([
			{ title: 'Alpha', type: 'PRODUCT', unitName: 'Stück', articleNumber: 'A1', price: { leadingPrice: 'NET', netPrice: 1, taxRate: 19 } },
			{ title: 'Beta', type: 'SERVICE', unitName: 'Stunde', price: { leadingPrice: 'NET', netPrice: 1, taxRate: 19 } },
		]);
		const { Lexoffice } = require('../../dist/nodes/Lexoffice/Lexoffice.node');
		const search = new Lexoffice().methods.listSearch.searchArticles;
		// A load-options context as n8n builds it for the picker, sending real HTTP to the sandbox.
		const context = {
			getNode: () => ({ name: 'Lexoffice', type: 'lexoffice', typeVersion: 1, parameters: {}, credentials: { lexofficeApi: { id: 'api-key' } } }),
			getNodeParameter: () => 'apiKey',
			getCredentials: async () => ({ apiKey: bed.API_KEY, environment: 'custom', customApiBaseUrl: bed.sandbox.url, requestsPerSecond: 40 }),
			helpers: {
				async httpRequestWithAuthentication(_type, options) {
					const url = new URL(options.url);
					for (const [k, v] of Object.entries(options.qs ?? {})) url.searchParams.set(k, String(v));
					const res = await fetch(url, { headers: { ...options.headers, Authorization: `Bearer ${bed.API_KEY}` } });
					return { body: await res.json(), statusCode: res.status, headers: {} };
				},
			},
		};
		const all = await search.call(context, '');
		expect(all.results.map((r) => r.name)).toEqual(['Alpha (A1)', 'Beta']);
		expect((await search.call(context, 'bet')).results.map((r) => r.name)).toEqual(['Beta']);
		expect((await search.call(context, 'a1')).results.map((r) => r.name)).toEqual(['Alpha (A1)']);
		expect(bed.apiRequests().every((r) => r.query.size === '250')).toBe(true);
	});
});

describe('Get Many', () => {
	const many = (over = {}) => ({ resource: 'article', operation: 'getAll', returnAll: true, filters: {}, options: {}, ...over });

	test('exact filters go to lexoffice as query parameters', async () => {
		bed.sandbox.seedArticles([
			{ title: 'a', type: 'PRODUCT', unitName: 'x', articleNumber: 'N1', gtin: '96385074', price: { leadingPrice: 'NET', netPrice: 1, taxRate: 19 } },
			{ title: 'b', type: 'SERVICE', unitName: 'x', articleNumber: 'N2', price: { leadingPrice: 'NET', netPrice: 1, taxRate: 19 } },
		]);
		const result = await bed.run(many({ filters: { articleNumber: 'N2' } }));
		expect(result.items.map((i) => i.json.title)).toEqual(['b']);
		expect(requests('GET')[0].query).toMatchObject({ articleNumber: 'N2' });
		expect((await bed.run(many({ filters: { type: 'PRODUCT' } }))).items.map((i) => i.json.title)).toEqual(['a']);
		expect((await bed.run(many({ filters: { gtin: '96385074' } }))).items.map((i) => i.json.title)).toEqual(['a']);
		bed.sandbox.clearLog();
		const bad = await bed.run(many({ filters: { gtin: '96385075' } }));
		expect(bad.error.message).toMatch(/^Filters → GTIN has a wrong check digit/);
		expect(bed.apiRequests()).toHaveLength(0);
	});

	test('a limit below 25 still asks for pages of 25 (lexoffice refuses smaller) and returns the limit', async () => {
		bed.sandbox.seedArticles(Array.from({ length: 30 }, (_, i) => ({ title: `t${String(i).padStart(2, '0')}`, type: 'PRODUCT', unitName: 'x', price: { leadingPrice: 'NET', netPrice: 1, taxRate: 19 } })));
		const result = await bed.run(many({ returnAll: false, limit: 5 }));
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.title)).toEqual(['t00', 't01', 't02', 't03', 't04']);
		expect(requests('GET')[0].query.size).toBe('25');
	});
});

describe('Get Many past the search window', () => {
	const body = (i, type) => ({ title: `x${String(i).padStart(5, '0')}`, type, unitName: 'x', price: { leadingPrice: 'NET', netPrice: 1, taxRate: 19 } });
	const seedMany = (products, services) =>
		bed.sandbox.seedArticles([...Array.from({ length: products }, (_, i) => body(i, 'PRODUCT')), ...Array.from({ length: services }, (_, i) => body(products + i, 'SERVICE'))]);

	test('more than 10,000: split by type, every article exactly once', async () => {
		seedMany(6000, 4100);
		const result = await bed.run({ resource: 'article', operation: 'getAll', returnAll: true, filters: {}, options: {} });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(10100);
		expect(new Set(result.items.map((i) => i.json.id)).size).toBe(10100);
		expect(requests('GET').some((r) => r.query.type === 'SERVICE')).toBe(true);
	}, 60_000);

	test('a type with more than 10,000 still: warn by default, fail when asked', async () => {
		seedMany(10050, 10);
		const warned = await bed.run({ resource: 'article', operation: 'getAll', returnAll: true, filters: {}, options: {} });
		expect(warned.error).toBeUndefined();
		expect(warned.items).toHaveLength(10010);
		const failed = await bed.run({ resource: 'article', operation: 'getAll', returnAll: true, filters: {}, options: { onSearchLimit: 'fail' } });
		expect(failed.error.message).toMatch(/^More than 10,000 articles match/);
	}, 60_000);
});

describe('Update', () => {
	const upd = (id, updateFields) => ({ resource: 'article', operation: 'update', articleId: byId(id), updateFields });

	test('changes only the set fields, keeps unmodelled ones, sends the version read', async () => {
		const a = seed({ articleNumber: 'K-1', note: 'keep me' });
		bed.sandbox.state.articles.get(a.id).customField = 'unmodelled';
		const result = await bed.run(upd(a.id, { title: 'Schraube M8' }));
		expect(result.error).toBeUndefined();
		const [put] = requests('PUT');
		expect(put.requestBody).toMatchObject({ title: 'Schraube M8', articleNumber: 'K-1', note: 'keep me', customField: 'unmodelled', version: 0, price: { netPrice: 1.5, leadingPrice: 'NET', taxRate: 19 } });
		expect(put.requestBody).not.toHaveProperty('createdDate');
		const stored = bed.sandbox.state.articles.get(a.id);
		expect(stored).toMatchObject({ title: 'Schraube M8', note: 'keep me', version: 1 });
		expect(result.items[0].json.version).toBe(1);
	});

	test('a new tax rate keeps the leading amount; lexoffice recomputes the other price', async () => {
		const a = seed();
		await bed.run(upd(a.id, { taxRate: 7 }));
		expect(bed.sandbox.state.articles.get(a.id).price).toEqual({ netPrice: 1.5, grossPrice: 1.605, leadingPrice: 'NET', taxRate: 7 });
	});

	test('fields added but left untouched change nothing (no default overwrites data)', async () => {
		const a = seed({ type: 'SERVICE', price: { leadingPrice: 'GROSS', grossPrice: 11.9, taxRate: 7 } });
		const untouched = { type: '', taxRate: '', leadingPrice: '', price: '', title: '', unitName: '' };
		expect((await bed.run(upd(a.id, untouched))).error.message).toMatch(/^Update Fields is empty/);
		expect(bed.apiRequests()).toHaveLength(0);
		const result = await bed.run(upd(a.id, { ...untouched, note: 'nur die Notiz' }));
		expect(result.error).toBeUndefined();
		expect(bed.sandbox.state.articles.get(a.id)).toMatchObject({ type: 'SERVICE', note: 'nur die Notiz', price: { leadingPrice: 'GROSS', grossPrice: 11.9, taxRate: 7 } });
	});

	test('empty Update Fields and a bad GTIN fail before any request', async () => {
		const a = seed();
		expect((await bed.run(upd(a.id, {}))).error.message).toMatch(/^Update Fields is empty/);
		expect((await bed.run(upd(a.id, { gtin: '123' }))).error.message).toMatch(/^Update Fields → GTIN must be a GTIN/);
		expect(bed.apiRequests()).toHaveLength(0);
	});

	test('a change in lexoffice between read and write: 409 explained, nothing overwritten', async () => {
		const a = seed();
		bed.hooks.onLog = (entry) => {
			if (entry.method === 'GET' && entry.path === `/v1/articles/${a.id}`) {
				const rec = bed.sandbox.state.articles.get(a.id);
				rec.title = 'changed elsewhere';
				rec.version += 1;
			}
		};
		try {
			const result = await bed.run(upd(a.id, { title: 'mine' }));
			expect(result.error.httpCode).toBe('409');
			expect(result.error.message).toMatch(/changed in lexoffice by someone else after it was read; nothing was overwritten/);
			expect(result.error.description).toMatch(/Run the item again/);
			expect(bed.sandbox.state.articles.get(a.id).title).toBe('changed elsewhere');
		} finally {
			bed.hooks.onLog = undefined;
		}
	});
});
