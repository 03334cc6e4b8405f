'use strict';

// Exact decimal arithmetic on scaled BigInts: {v: BigInt, s: scale}. value = v / 10^s.

const TEN = 10n;
const pow10 = (n) => TEN ** BigInt(n);

/** From a JS number or numeric string. Throws on non-finite input. */
function dec(x) {
	let str = typeof x === 'number' ? numberToPlain(x) : String(x).trim();
	if (!/^-?\d+(\.\d+)?$/.test(str)) throw new Error(`not a decimal: ${x}`);
	const neg = str.startsWith('-');
	if (neg) str = str.slice(1);
	const [i, f = ''] = str.split('.');
	const v = BigInt(i + f);
	return { v: neg ? -v : v, s: f.length };
}

function numberToPlain(n) {
	if (!Number.isFinite(n)) throw new Error('not finite');
	const s = String(n);
	if (!/e/i.test(s)) return s;
	return n.toFixed(20).replace(/\.?0+$/, '');
}

/** Number of decimal places of a JS number as written (0.1 -> 1, 12.3400 -> 2). */
function decimalPlaces(n) {
	const s = numberToPlain(n);
	const i = s.indexOf('.');
	return i < 0 ? 0 : s.length - i - 1;
}

function scaleTo(a, s) {
	return a.s >= s ? a : { v: a.v * pow10(s - a.s), s };
}

function add(a, b) {
	const s = Math.max(a.s, b.s);
	return { v: scaleTo(a, s).v + scaleTo(b, s).v, s };
}

function sub(a, b) {
	const s = Math.max(a.s, b.s);
	return { v: scaleTo(a, s).v - scaleTo(b, s).v, s };
}

function mul(a, b) {
	return { v: a.v * b.v, s: a.s + b.s };
}

function roundQuotient(num, den) {
	let q = num / den;
	const r = num % den;
	const absR = r < 0n ? -r : r;
	const absD = den < 0n ? -den : den;
	if (absR * 2n >= absD) q += (num < 0n) !== (den < 0n) ? -1n : 1n;
	return q;
}

/** Round half-up (away from zero) to s decimals. */
function round(a, s) {
	if (a.s <= s) return scaleTo(a, s);
	return { v: roundQuotient(a.v, pow10(a.s - s)), s };
}

/** a / b rounded half-up to s decimals. */
function div(a, b, s) {
	if (b.v === 0n) throw new Error('division by zero');
	return { v: roundQuotient(a.v * pow10(b.s + s), b.v * pow10(a.s)), s };
}

function toString(a) {
	const neg = a.v < 0n;
	let digits = (neg ? -a.v : a.v).toString();
	if (a.s > 0) {
		digits = digits.padStart(a.s + 1, '0');
		digits = `${digits.slice(0, -a.s)}.${digits.slice(-a.s)}`;
	}
	return (neg ? '-' : '') + digits;
}

function toNumber(a) {
	return Number(toString(a));
}

function cmp(a, b) {
	const d = sub(a, b).v;
	return d < 0n ? -1 : d > 0n ? 1 : 0;
}

const ZERO = { v: 0n, s: 0 };

module.exports = { dec, add, sub, mul, div, round, toString, toNumber, cmp, decimalPlaces, ZERO };
