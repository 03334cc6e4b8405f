'use strict';

// /v1/contacts: create, get, update (PUT replaces), filtered list. Legacy IssueList errors.

const { issue, legacy, legacyBadRequest, regular } = require('./errors');
const { parsePaging, envelope, sortEntry, WINDOW_MESSAGE } = require('./paging');
const { randomUuid, toPublic, isPlainObject, formatBerlin, UUID_RE } = require('./util');

const WRITABLE = ['roles', 'company', 'person', 'addresses', 'xRechnung', 'emailAddresses', 'phoneNumbers', 'note'];
const EMAIL_KINDS = ['business', 'office', 'private', 'other'];
const PHONE_KINDS = ['business', 'office', 'mobile', 'private', 'fax', 'other'];
const COUNTRY_RE = /^[A-Z]{2}(_[A-Z]{2})?$/;

const isStr = (v) => typeof v === 'string';
const blank = (v) => v === undefined || v === null || (isStr(v) && v.trim() === '');

function validate(body, isCreate) {
	const issues = [];
	const add = (key, source) => issues.push(issue(key, source));

	if (isCreate) {
		if (body.version === undefined || body.version === null) add('missing_entity', 'version');
		else if (body.version !== 0) add('invalid_value', 'version');
	} else if (!Number.isInteger(body.version)) add('missing_entity', 'version');

	if (!isPlainObject(body.roles)) add('missing_entity', 'roles');
	else {
		const known = ['customer', 'vendor'].filter((r) => body.roles[r] !== undefined && body.roles[r] !== null);
		if (known.length === 0) add('missing_entity', 'roles');
		for (const r of known) if (!isPlainObject(body.roles[r])) add('invalid_value', `roles.${r}`);
	}

	const hasCompany = body.company !== undefined && body.company !== null;
	const hasPerson = body.person !== undefined && body.person !== null;
	if (hasCompany && hasPerson) add('invalid_value', 'person');
	if (!hasCompany && !hasPerson) add('missing_entity', 'company');

	if (hasCompany) {
		const c = body.company;
		if (!isPlainObject(c)) add('invalid_value', 'company');
		else {
			if (blank(c.name)) add('missing_entity', 'company.name');
			else if (!isStr(c.name)) add('invalid_value', 'company.name');
			if (c.contactPersons !== undefined && c.contactPersons !== null) {
				if (!Array.isArray(c.contactPersons)) add('invalid_value', 'company.contactPersons');
				else {
					if (c.contactPersons.length > 1) add('too_many_entries', 'company.contactPersons');
					c.contactPersons.forEach((p, i) => {
						if (!isPlainObject(p) || blank(p.lastName)) add('missing_entity', `company.contactPersons[${i}].lastName`);
					});
				}
			}
		}
	}
	if (hasPerson) {
		const p = body.person;
		if (!isPlainObject(p)) add('invalid_value', 'person');
		else {
			if (blank(p.lastName)) add('missing_entity', 'person.lastName');
			if (p.salutation !== undefined && p.salutation !== null && (!isStr(p.salutation) || p.salutation.length > 25)) {
				add('invalid_value', 'person.salutation');
			}
		}
	}

	if (body.addresses !== undefined && body.addresses !== null) {
		if (!isPlainObject(body.addresses)) add('invalid_value', 'addresses');
		else {
			for (const kind of ['billing', 'shipping']) {
				const list = body.addresses[kind];
				if (list === undefined || list === null) continue;
				if (!Array.isArray(list)) {
					add('invalid_value', `addresses.${kind}`);
					continue;
				}
				if (list.length > 1) add('too_many_entries', `addresses.${kind}`);
				list.forEach((a, i) => {
					if (!isPlainObject(a) || blank(a.countryCode)) add('missing_entity', `addresses.${kind}[${i}].countryCode`);
					else if (!COUNTRY_RE.test(a.countryCode)) add('invalid_value', `addresses.${kind}[${i}].countryCode`);
				});
			}
		}
	}

	for (const [field, kinds] of [
		['emailAddresses', EMAIL_KINDS],
		['phoneNumbers', PHONE_KINDS],
	]) {
		const v = body[field];
		if (v === undefined || v === null) continue;
		if (!isPlainObject(v)) {
			add('invalid_value', field);
			continue;
		}
		for (const [kind, list] of Object.entries(v)) {
			if (!kinds.includes(kind)) add('invalid_value', `${field}.${kind}`);
			else if (!Array.isArray(list) || list.some((e) => !isStr(e))) add('invalid_value', `${field}.${kind}`);
			else if (list.length > 1) add('too_many_entries', `${field}.${kind}`);
		}
	}

	if (body.note !== undefined && body.note !== null && (!isStr(body.note) || body.note.length > 1000)) {
		add('invalid_value', 'note');
	}
	if (body.xRechnung !== undefined && body.xRechnung !== null) {
		const x = body.xRechnung;
		if (!isPlainObject(x)) add('invalid_value', 'xRechnung');
		else if (!blank(x.buyerReference) && blank(x.vendorNumberAtCustomer)) {
			add('missing_entity', 'xRechnung.vendorNumberAtCustomer');
		}
	}
	return issues;
}

function contactName(c) {
	if (c.company) return c.company.name || '';
	if (c.person) return [c.person.firstName, c.person.lastName].filter(Boolean).join(' ');
	return '';
}

/** Sort key as lexoffice sorts contacts ("name ASC"). */
function sortName(c) {
	if (c.company) return (c.company.name || '').toLowerCase();
	if (c.person) return [c.person.lastName, c.person.firstName].filter(Boolean).join(' ').toLowerCase();
	return '';
}

function assignRoles(state, requested, existing) {
	const roles = {};
	for (const r of ['customer', 'vendor']) {
		if (existing && existing[r]) roles[r] = { ...existing[r] };
		else if (requested && isPlainObject(requested[r])) {
			const counter = r === 'customer' ? 'nextCustomerNumber' : 'nextVendorNumber';
			roles[r] = { number: state.counters[counter]++ };
		}
	}
	return roles;
}

function actionResult(ctx, rec) {
	return {
		id: rec.id,
		resourceUri: `${ctx.baseUrl}/v1/contacts/${rec.id}`,
		createdDate: formatBerlin(rec._createdMs),
		updatedDate: formatBerlin(rec._updatedMs),
		version: rec.version,
	};
}

/** Stores a new contact (no validation; used by the API after validation and by the seeder). */
function insertContact(state, data, { id = randomUuid(), now = Date.now(), archived = false } = {}) {
	const rec = { id, organizationId: state.organizationId, version: 0 };
	rec.roles = assignRoles(state, data.roles, null);
	for (const k of WRITABLE) if (k !== 'roles' && data[k] !== undefined && data[k] !== null) rec[k] = structuredClone(data[k]);
	rec.archived = archived;
	state.counters.contactsCreated++;
	rec._seq = state.counters.contactsCreated;
	rec._createdMs = now;
	rec._updatedMs = now;
	rec._sortName = sortName(rec);
	state.contacts.set(id, rec);
	return rec;
}

function create(ctx) {
	const body = ctx.body;
	if (!isPlainObject(body)) return legacyBadRequest(null);
	const issues = validate(body, true);
	if (issues.length) return legacy(406, issues);
	const rec = insertContact(ctx.state, body, { now: Date.now() });
	const result = actionResult(ctx, rec);
	return { status: 201, headers: { Location: result.resourceUri }, json: result };
}

function notFound() {
	return legacy(404, [issue('missing_entity', 'id', 'not_found')]);
}

function get(ctx, id) {
	const rec = ctx.state.contacts.get(id);
	if (!rec) return notFound();
	return { status: 200, json: toPublic(rec) };
}

function update(ctx, id) {
	const rec = ctx.state.contacts.get(id);
	if (!rec) return notFound();
	const body = ctx.body;
	if (!isPlainObject(body)) return legacyBadRequest(null);
	const issues = validate(body, false);
	if (issues.length) return legacy(406, issues);
	// Measured on the real service: a stale version is a 406 with an IssueList entry, not a 409.
	if (body.version !== rec.version) {
		return legacy(406, [issue('invalid_value', 'version')]);
	}
	const roles = assignRoles(ctx.state, body.roles, rec.roles);
	for (const k of WRITABLE) delete rec[k];
	rec.roles = roles;
	for (const k of WRITABLE) if (k !== 'roles' && body[k] !== undefined && body[k] !== null) rec[k] = structuredClone(body[k]);
	// keep key order stable-ish: archived last
	const archived = rec.archived;
	delete rec.archived;
	rec.archived = archived;
	rec.version += 1;
	rec._updatedMs = Math.max(Date.now(), rec._updatedMs + 1);
	rec._sortName = sortName(rec);
	return { status: 200, json: actionResult(ctx, rec) };
}

// --- filters ------------------------------------------------------------------------------

function decodeEntities(s) {
	return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** SQL-LIKE style pattern (% and _ wildcards, backslash escape) as a case-insensitive substring regex. */
function likeRegex(pattern) {
	let src = '';
	for (let i = 0; i < pattern.length; i++) {
		const ch = pattern[i];
		if (ch === '\\' && i + 1 < pattern.length) {
			src += escapeRe(pattern[++i]);
		} else if (ch === '%') src += '.*';
		else if (ch === '_') src += '.';
		else src += escapeRe(ch);
	}
	return new RegExp(src, 'is');
}

const escapeRe = (c) => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

function emailsOf(c) {
	const out = [];
	if (c.emailAddresses) for (const list of Object.values(c.emailAddresses)) if (Array.isArray(list)) out.push(...list);
	for (const p of c.company?.contactPersons || []) if (p.emailAddress) out.push(p.emailAddress);
	return out;
}

function namesOf(c) {
	if (c.company) return [c.company.name || ''];
	if (c.person) {
		const f = c.person.firstName || '';
		const l = c.person.lastName || '';
		return [`${f} ${l}`.trim(), `${l} ${f}`.trim()];
	}
	return [];
}

function parseBool(v) {
	if (v === 'true') return true;
	if (v === 'false') return false;
	return undefined;
}

function list(ctx) {
	const q = ctx.query;
	for (const k of ['email', 'name', 'number', 'customer', 'vendor', 'page', 'size']) {
		if (Array.isArray(q[k])) return legacyBadRequest(k);
	}
	const preds = [];
	if (q.email !== undefined) {
		if (q.email.length < 3) return legacyBadRequest('email');
		const re = likeRegex(q.email);
		preds.push((c) => emailsOf(c).some((e) => re.test(e)));
	}
	if (q.name !== undefined) {
		// Clients must HTML-encode & < > (then URL-encode). A raw one never matches, as with lexoffice.
		const raw = q.name.replace(/&(amp|lt|gt|quot|#39);/g, '');
		const decoded = decodeEntities(q.name);
		if (decoded.length < 3) return legacyBadRequest('name');
		if (/[&<>]/.test(raw)) preds.push(() => false);
		else {
			const re = likeRegex(decoded);
			preds.push((c) => namesOf(c).some((n) => re.test(n)));
		}
	}
	if (q.number !== undefined) {
		if (!/^\d+$/.test(q.number)) return legacyBadRequest('number');
		const n = Number(q.number);
		preds.push((c) => c.roles.customer?.number === n || c.roles.vendor?.number === n);
	}
	for (const role of ['customer', 'vendor']) {
		if (q[role] === undefined) continue;
		const b = parseBool(q[role]);
		if (b === undefined) return legacyBadRequest(role);
		preds.push((c) => Boolean(c.roles[role]) === b);
	}
	const paging = parsePaging(q, ctx.searchWindow);
	if (paging.error === 'window') return regular(400, ctx.path, WINDOW_MESSAGE);
	if (paging.error) return legacyBadRequest(paging.error);

	const matches = [];
	for (const c of ctx.state.contacts.values()) if (preds.every((p) => p(c))) matches.push(c);
	matches.sort((a, b) => (a._sortName < b._sortName ? -1 : a._sortName > b._sortName ? 1 : a._seq - b._seq));
	const env = envelope(matches, paging.page, paging.size, ctx.searchWindow, [sortEntry('name', 'ASC')]);
	env.content = env.content.map(toPublic);
	return { status: 200, json: env };
}

function isContactId(id) {
	return UUID_RE.test(id);
}

module.exports = { create, get, update, list, insertContact, contactName, validate, likeRegex, isContactId };
