'use strict';

// /v1/articles (facts part 2 §4): create, get, update (full body + version), delete, list with
// exact filters. Regular error bodies.

const { regular, validation, detail } = require('./errors');
const { parsePaging, envelope, sortEntry, WINDOW_MESSAGE } = require('./paging');
const D = require('./decimal');
const { randomUuid, toPublic, isPlainObject, formatBerlin } = require('./util');

const TYPES = ['PRODUCT', 'SERVICE'];
const LEADING = ['NET', 'GROSS'];
const TAX_RATES = [0, 7, 19];
const MIN_SIZE = 25;
const TEXT_FIELDS = ['title', 'description', 'articleNumber', 'gtin', 'note', 'unitName'];

const present = (v) => v !== undefined && v !== null;
const blank = (v) => !present(v) || (typeof v === 'string' && v.trim() === '');
const isAmount = (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && D.decimalPlaces(v) <= 4;

/** GTIN-8/12/13/14 with a correct check digit (GS1 mod 10). */
function validGtin(value) {
	if (typeof value !== 'string' || ![8, 12, 13, 14].includes(value.length) || !/^\d+$/.test(value)) return false;
	const digits = [...value].map(Number);
	const check = digits.pop();
	let sum = 0;
	digits.reverse().forEach((d, i) => {
		sum += d * (i % 2 === 0 ? 3 : 1);
	});
	return (10 - (sum % 10)) % 10 === check;
}

function validate(state, body, selfId) {
	const out = [];
	const notNull = (f) => out.push(detail('NOTNULL', f, 'darf nicht leer sein'));
	const bad = (f, m) => out.push(detail('INVALID', f, m));
	for (const f of ['title', 'type', 'unitName']) if (blank(body[f])) notNull(f);
	for (const f of TEXT_FIELDS) if (present(body[f]) && typeof body[f] !== 'string') bad(f, 'muss ein Text sein');
	if (present(body.type) && !TYPES.includes(body.type)) bad('type', `muss einer von ${TYPES.join(', ')} sein`);
	if (present(body.gtin) && !validGtin(body.gtin)) out.push(detail('VALIDGTIN', 'gtin', 'ungültige GTIN'));
	const p = body.price;
	if (!isPlainObject(p)) notNull('price');
	else {
		if (blank(p.leadingPrice)) notNull('price.leadingPrice');
		else if (!LEADING.includes(p.leadingPrice)) bad('price.leadingPrice', 'muss NET oder GROSS sein');
		if (!present(p.taxRate)) notNull('price.taxRate');
		else if (!TAX_RATES.includes(p.taxRate)) bad('price.taxRate', 'muss 0, 7 oder 19 sein');
		const leadField = p.leadingPrice === 'GROSS' ? 'grossPrice' : 'netPrice';
		if (LEADING.includes(p.leadingPrice)) {
			if (!present(p[leadField])) notNull(`price.${leadField}`);
			else if (!isAmount(p[leadField])) bad(`price.${leadField}`, 'ungültiger Betrag');
		}
	}
	if (typeof body.articleNumber === 'string' && body.articleNumber !== '') {
		for (const a of state.articles.values()) {
			if (a.id !== selfId && a.articleNumber === body.articleNumber) {
				out.push(detail('MATERIAL_NUMBER_ALREADY_EXISTS', 'materialNumber', 'Artikelnummer existiert bereits'));
				break;
			}
		}
	}
	return out;
}

/** The server computes the price that is not leading: gross 11.90 at 19 % -> net 10.00. */
function computePrice(p) {
	const factor = D.div(D.add(D.dec(100), D.dec(p.taxRate)), D.dec(100), 6);
	if (p.leadingPrice === 'GROSS') {
		return { netPrice: D.toNumber(D.div(D.dec(p.grossPrice), factor, 4)), grossPrice: p.grossPrice, leadingPrice: 'GROSS', taxRate: p.taxRate };
	}
	return { netPrice: p.netPrice, grossPrice: D.toNumber(D.round(D.mul(D.dec(p.netPrice), factor), 4)), leadingPrice: 'NET', taxRate: p.taxRate };
}

function apply(rec, body) {
	for (const f of TEXT_FIELDS) {
		if (present(body[f])) rec[f] = body[f];
		else delete rec[f];
	}
	rec.type = body.type;
	rec.price = computePrice(body.price);
}

function insertArticle(state, body, opts = {}) {
	const now = opts.now ?? Date.now();
	const rec = { id: opts.id || randomUuid(), organizationId: state.organizationId, createdDate: formatBerlin(now), updatedDate: formatBerlin(now), archived: false };
	apply(rec, body);
	rec.version = 0;
	state.counters.articlesCreated = (state.counters.articlesCreated || 0) + 1;
	rec._seq = state.counters.articlesCreated;
	state.articles.set(rec.id, rec);
	return rec;
}

const notFound = (ctx) => regular(404, ctx.path, 'Resource not found');

function create(ctx) {
	if (!isPlainObject(ctx.body)) return regular(400, ctx.path, 'Malformed request body');
	const details = validate(ctx.state, ctx.body);
	if (details.length) return validation(ctx.path, details);
	const rec = insertArticle(ctx.state, ctx.body);
	const resourceUri = `${ctx.baseUrl}/v1/articles/${rec.id}`;
	return { status: 201, headers: { Location: resourceUri }, json: { id: rec.id, resourceUri, createdDate: rec.createdDate, updatedDate: rec.updatedDate, version: rec.version } };
}

function get(ctx, id) {
	const rec = ctx.state.articles.get(id);
	return rec ? { status: 200, json: toPublic(rec) } : notFound(ctx);
}

function update(ctx, id) {
	const rec = ctx.state.articles.get(id);
	if (!rec) return notFound(ctx);
	if (!isPlainObject(ctx.body)) return regular(400, ctx.path, 'Malformed request body');
	if (!Number.isInteger(ctx.body.version)) return validation(ctx.path, [detail('NOTNULL', 'version', 'darf nicht leer sein')]);
	if (ctx.body.version !== rec.version) return regular(409, ctx.path, 'The version of the article is outdated');
	const details = validate(ctx.state, ctx.body, id);
	if (details.length) return validation(ctx.path, details);
	apply(rec, ctx.body);
	rec.version += 1;
	rec.updatedDate = formatBerlin(Date.now());
	const resourceUri = `${ctx.baseUrl}/v1/articles/${rec.id}`;
	return { status: 200, json: { id: rec.id, resourceUri, createdDate: rec.createdDate, updatedDate: rec.updatedDate, version: rec.version } };
}

function remove(ctx, id) {
	if (!ctx.state.articles.delete(id)) return notFound(ctx);
	return { status: 204 };
}

function list(ctx) {
	const q = ctx.query;
	for (const k of ['articleNumber', 'gtin', 'type', 'page', 'size']) {
		if (Array.isArray(q[k])) return regular(400, ctx.path, `Parameter '${k}' given more than once`);
	}
	if (q.type !== undefined && !TYPES.includes(q.type)) return regular(400, ctx.path, `Invalid value '${q.type}' received for request parameter 'type'`);
	const paging = parsePaging(q, ctx.searchWindow);
	if (paging.error === 'window') return regular(400, ctx.path, WINDOW_MESSAGE);
	if (paging.error) return regular(400, ctx.path, `Invalid parameter '${paging.error}'`);
	if (paging.size < MIN_SIZE) return regular(400, ctx.path, 'Invalid parameter', [detail('MIN', 'size', `muss größer oder gleich ${MIN_SIZE} sein`)]);
	const matches = [...ctx.state.articles.values()].filter(
		(a) =>
			(q.articleNumber === undefined || a.articleNumber === q.articleNumber) &&
			(q.gtin === undefined || a.gtin === q.gtin) &&
			(q.type === undefined || a.type === q.type),
	);
	matches.sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : a._seq - b._seq));
	const env = envelope(matches, paging.page, paging.size, ctx.searchWindow, [sortEntry('title', 'ASC')]);
	env.content = env.content.map(toPublic);
	return { status: 200, json: env };
}

const ROUTES = [
	['POST', /^\/v1\/articles$/, create, 'regular'],
	['GET', /^\/v1\/articles$/, list, 'regular'],
	['GET', /^\/v1\/articles\/([^/]+)$/, get, 'regular'],
	['PUT', /^\/v1\/articles\/([^/]+)$/, update, 'regular'],
	['DELETE', /^\/v1\/articles\/([^/]+)$/, remove, 'regular'],
];

/** Test handle: articles without going through the API (no rate limit). */
function createArticleSeeder(state) {
	return (bodies) => bodies.map((b) => {
		const problems = validate(state, b);
		if (problems.length) throw new Error(`invalid article: ${JSON.stringify(problems)}`);
		return toPublic(insertArticle(state, b));
	});
}

module.exports = { ROUTES, validGtin, createArticleSeeder };
