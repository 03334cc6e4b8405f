'use strict';

// Small shared helpers: ids, deterministic PRNG, Europe/Berlin date formatting, query parsing.

const crypto = require('crypto');

/** mulberry32: tiny deterministic PRNG returning floats in [0, 1). */
function createPrng(seed) {
	let a = (Number(seed) >>> 0) || 0x9e3779b9;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	next.int = (min, max) => min + Math.floor(next() * (max - min + 1));
	next.pick = (list) => list[Math.floor(next() * list.length)];
	return next;
}

function randomUuid() {
	return crypto.randomUUID();
}

/** UUID v4 built from a deterministic PRNG (for seeded data). */
function uuidFromPrng(rand) {
	const b = Buffer.alloc(16);
	for (let i = 0; i < 16; i++) b[i] = Math.floor(rand() * 256);
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	const h = b.toString('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function randomToken(bytes = 32) {
	return crypto.randomBytes(bytes).toString('base64url');
}

function traceId() {
	return crypto.randomBytes(6).toString('hex');
}

// --- Europe/Berlin time ---------------------------------------------------------------

const berlinFormatter = new Intl.DateTimeFormat('en-US', {
	timeZone: 'Europe/Berlin',
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
});

const offsetCache = new Map(); // UTC hour -> Europe/Berlin offset in minutes (DST switches on full UTC hours)

function berlinOffsetMinutes(ms) {
	const hour = Math.floor(ms / 3600000);
	let off = offsetCache.get(hour);
	if (off === undefined) {
		const parts = {};
		const probe = hour * 3600000;
		for (const p of berlinFormatter.formatToParts(new Date(probe))) parts[p.type] = p.value;
		const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
		off = Math.round((wall - probe) / 60000);
		if (offsetCache.size > 200000) offsetCache.clear();
		offsetCache.set(hour, off);
	}
	return off;
}

function berlinParts(ms) {
	const offsetMinutes = berlinOffsetMinutes(ms);
	const d = new Date(ms + offsetMinutes * 60000);
	return {
		y: d.getUTCFullYear(),
		mo: d.getUTCMonth() + 1,
		d: d.getUTCDate(),
		h: d.getUTCHours(),
		mi: d.getUTCMinutes(),
		s: d.getUTCSeconds(),
		ms: d.getUTCMilliseconds(),
		offsetMinutes,
	};
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** 'yyyy-MM-ddTHH:mm:ss.SSS+01:00' in Europe/Berlin, as lexoffice prints dates. */
function formatBerlin(ms) {
	const p = berlinParts(ms);
	const off = Math.abs(p.offsetMinutes);
	const sign = p.offsetMinutes < 0 ? '-' : '+';
	return (
		`${p.y}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}.${pad(p.ms, 3)}` +
		`${sign}${pad(Math.floor(off / 60))}:${pad(off % 60)}`
	);
}

/** 'yyyy-MM-dd' of the instant in Europe/Berlin. */
function berlinDay(ms) {
	const p = berlinParts(ms);
	return `${p.y}-${pad(p.mo)}-${pad(p.d)}`;
}

/** Epoch ms of local midnight (Europe/Berlin) of a calendar day. */
function berlinMidnight(y, mo, d) {
	let guess = Date.UTC(y, mo - 1, d) - 60 * 60000;
	const p = berlinParts(guess);
	guess = Date.UTC(y, mo - 1, d) - p.offsetMinutes * 60000;
	return guess;
}

const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})(Z|[+-]\d{2}:\d{2})$/;

/** Parse lexoffice's strict yyyy-MM-ddTHH:mm:ss.SSSXXX; returns epoch ms or null. */
function parseStrictDateTime(value) {
	if (typeof value !== 'string') return null;
	const m = DATE_TIME_RE.exec(value);
	if (!m) return null;
	const [, y, mo, d, h, mi, s] = m.map(Number);
	if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
	const probe = new Date(Date.UTC(y, mo - 1, d));
	if (probe.getUTCMonth() !== mo - 1) return null;
	const ms = Date.parse(value);
	return Number.isFinite(ms) ? ms : null;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isValidDay(value) {
	if (typeof value !== 'string') return false;
	const m = DAY_RE.exec(value);
	if (!m) return false;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const probe = new Date(Date.UTC(y, mo - 1, d));
	return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

// --- misc -------------------------------------------------------------------------------

/** URLSearchParams -> plain object; repeated keys become arrays. */
function queryToObject(searchParams) {
	const out = {};
	for (const [k, v] of searchParams) {
		if (Object.prototype.hasOwnProperty.call(out, k)) {
			out[k] = Array.isArray(out[k]) ? [...out[k], v] : [out[k], v];
		} else {
			out[k] = v;
		}
	}
	return out;
}

/** Copy of a stored record without internal (underscore) keys. */
function toPublic(record) {
	const out = {};
	for (const k of Object.keys(record)) if (k[0] !== '_') out[k] = record[k];
	return JSON.parse(JSON.stringify(out));
}

function isPlainObject(v) {
	return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function sha256Base64Url(text) {
	return crypto.createHash('sha256').update(text).digest('base64url');
}

function safeEqual(a, b) {
	const ba = Buffer.from(String(a));
	const bb = Buffer.from(String(b));
	return ba.length === bb.length && crypto.timingSafeEqual(ba, bb);
}

module.exports = {
	createPrng,
	randomUuid,
	uuidFromPrng,
	UUID_RE,
	randomToken,
	traceId,
	berlinParts,
	formatBerlin,
	berlinDay,
	berlinMidnight,
	parseStrictDateTime,
	isValidDay,
	queryToObject,
	toPublic,
	isPlainObject,
	sha256Base64Url,
	safeEqual,
};
