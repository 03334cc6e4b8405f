'use strict';
// Input that could stall n8n: every check that sees user text caps its length before any
// pattern runs, and its patterns run in linear time. Each hostile value is refused well
// within a generous bound (the quadratic checks these replace took seconds to minutes on
// such values), and ten times the input costs far less than the hundred times a quadratic
// check would. Timings take the best of three runs, so a busy machine does not fail them.
const { checkEmail, checkUuid, checkCountryCode, checkText, isEmail } = require('../../dist/nodes/Lexoffice/domain/text');
const { checkDecimal } = require('../../dist/nodes/Lexoffice/domain/decimal');
const { checkDateTime, toLexofficeDate } = require('../../dist/nodes/Lexoffice/domain/dates');
const { normalizeApiBaseUrl } = require('../../dist/nodes/Lexoffice/transport/environments');
const { fileNameFromDisposition } = require('../../dist/nodes/Lexoffice/helpers/contentDisposition');

const BOUND_MS = 500;

function timed(run) {
	const start = process.hrtime.bigint();
	const result = run();
	return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** [name, build a hostile input of about n characters, the check, what a refusal looks like] */
const hostile = [
	['e-mail: a@ + dots + @', (n) => `a@${'.'.repeat(n)}@`, (value) => checkEmail(value), (result) => expect(result.ok).toBe(false)],
	['e-mail: many @', (n) => 'a@'.repeat(n / 2), (value) => checkEmail(value), (result) => expect(result.ok).toBe(false)],
	['e-mail: long local part then a dot', (n) => `${'a'.repeat(n)}@b.`, (value) => checkEmail(value), (result) => expect(result.ok).toBe(false)],
	['e-mail shape check alone', (n) => `a@${'a.'.repeat(n / 2)}`, (value) => ({ ok: isEmail(value) }), (result) => expect(result.ok).toBe(false)],
	['decimal: digits', (n) => '1'.repeat(n), (value) => checkDecimal(value, { maxDecimals: 2 }), (result) => expect(result.ok).toBe(false)],
	['decimal: grouped digits', (n) => `1${'.000'.repeat(n / 4)},5`, (value) => checkDecimal(value, { maxDecimals: 2 }), (result) => expect(result.ok).toBe(false)],
	['decimal: exponent', (n) => `1e${'9'.repeat(n)}`, (value) => checkDecimal(value, { maxDecimals: 2 }), (result) => expect(result.ok).toBe(false)],
	['decimal: separators', (n) => ',.'.repeat(n / 2), (value) => checkDecimal(value, { maxDecimals: 2 }), (result) => expect(result.ok).toBe(false)],
	['date: ISO prefix and spaces', (n) => `2024-03-15T10:30${' '.repeat(n)}x`, (value) => checkDateTime(value, true), (result) => expect(result.ok).toBe(false)],
	['date: digits', (n) => '9'.repeat(n), (value) => checkDateTime(value, true), (result) => expect(result.ok).toBe(false)],
	['date: dotted', (n) => '1.'.repeat(n / 2), (value) => checkDateTime(value, true), (result) => expect(result.ok).toBe(false)],
	['list filter date', (n) => `01/${'0'.repeat(n)}`, (value) => toLexofficeDate(value), (result) => expect(result.ok).toBe(false)],
	['uuid', (n) => `3f1c4e6a-${'0'.repeat(n)}`, (value) => checkUuid(value), (result) => expect(result.ok).toBe(false)],
	['country code', (n) => 'D'.repeat(n), (value) => checkCountryCode(value, true), (result) => expect(result.ok).toBe(false)],
	['text with a limit', (n) => ' x'.repeat(n / 2), (value) => checkText(value, { maxLength: 255 }), (result) => expect(result.ok).toBe(false)],
	['API base URL: a run of slashes', (n) => `https://h${'/'.repeat(n)}x`, (value) => ({ ok: normalizeApiBaseUrl(value).length > 0 }), (result) => expect(result.ok).toBe(true)],
	['file name header: repeated filename*=', (n) => 'filename*=a'.repeat(n / 11), (value) => ({ ok: fileNameFromDisposition(value) !== undefined }), () => undefined],
	['file name header: unterminated quote', (n) => `filename="${'\\a'.repeat(n / 2)}`, (value) => ({ ok: fileNameFromDisposition(value) !== undefined }), () => undefined],
];

describe('hostile input is refused quickly', () => {
	test.each(hostile)('%s: 100,000 characters', (_name, make, check, refused) => {
		const value = make(100_000);
		const runs = [0, 1, 2].map(() => timed(() => check(value)));
		refused(runs[0].result);
		expect(Math.min(...runs.map((run) => run.ms))).toBeLessThan(BOUND_MS);
	});

	test.each(hostile)('%s: the work grows linearly', (_name, make, check) => {
		// Warm up, then compare the best of three runs at n and at 10 n.
		check(make(1000));
		const best = (n) => Math.min(...[0, 1, 2].map(() => timed(() => check(make(n))).ms));
		const small = best(10_000);
		const large = best(100_000);
		// Quadratic work would be 100 times slower; allow for noise and the cost of building the string.
		expect(large).toBeLessThan(Math.max(small, 0.5) * 40);
	});
});

describe('e-mail addresses', () => {
	test.each(['max@example.de', 'erika.muster+rechnung@sub.example.co.uk', 'a@b.de'])('%s is accepted', (value) => {
		expect(checkEmail(value)).toEqual({ ok: true, value });
	});
	test.each(['not-an-email', 'a@b', 'a@b.c', 'a@.de', '@example.de', 'a@@example.de', 'a b@example.de', 'a@example.de;b@example.de', `${'a'.repeat(65)}@example.de`])(
		'%s is refused',
		(value) => {
			expect(checkEmail(value).ok).toBe(false);
		},
	);
	test('an address over 254 characters is refused by its length', () => {
		expect(checkEmail(`a@${'b'.repeat(300)}.de`)).toEqual({ ok: false, problem: 'is 305 characters long; an e-mail address has at most 254' });
	});
});
