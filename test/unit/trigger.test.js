'use strict';
// The trigger's pure parts: signature check over raw bytes, redelivery memory, event catalogue, body parsing.
const crypto = require('crypto');
const { isValidSignature, readPublicKey } = require('../../dist/nodes/LexofficeTrigger/signature');
const { eventKey, rememberEvent, RECENT_EVENTS_LIMIT } = require('../../dist/nodes/LexofficeTrigger/recentEvents');
const { EVENT_TYPES, EVENT_OPTIONS, resourcePath, isKnownEventType } = require('../../dist/nodes/LexofficeTrigger/eventTypes');
const { parseEvent } = require('../../dist/nodes/LexofficeTrigger/callback');
const { LEXOFFICE_WEBHOOK_PUBLIC_KEY } = require('../../dist/nodes/LexofficeTrigger/publicKey');

const pair = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = pair.publicKey.export({ type: 'spki', format: 'pem' });
const body = Buffer.from('{"organizationId":"o-1","eventType":"contact.created","resourceId":"r-1","eventDate":"2026-11-30T07:00:00.000+01:00"}');
const sign = (bytes, key = pair.privateKey) => crypto.sign('sha512', bytes, key).toString('base64');

describe('signature', () => {
	const key = readPublicKey(pem);

	test('a signature over the raw bytes verifies', () => {
		expect(isValidSignature(body, sign(body), key)).toBe(true);
	});

	test('the same JSON re-serialised with whitespace does not verify', () => {
		const pretty = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 1));
		expect(isValidSignature(pretty, sign(body), key)).toBe(false);
	});

	test('a changed byte, another key, SHA-256, a missing or garbage header are refused', () => {
		const tampered = Buffer.from(body.toString().replace('o-1', 'o-2'));
		expect(isValidSignature(tampered, sign(body), key)).toBe(false);
		expect(isValidSignature(body, sign(body, other.privateKey), key)).toBe(false);
		expect(isValidSignature(body, crypto.sign('sha256', body, pair.privateKey).toString('base64'), key)).toBe(false);
		expect(isValidSignature(body, undefined, key)).toBe(false);
		expect(isValidSignature(body, ['a', 'b'], key)).toBe(false);
		expect(isValidSignature(body, '', key)).toBe(false);
		expect(isValidSignature(body, '!!!', key)).toBe(false);
		expect(isValidSignature(body, 'A'.repeat(5000), key)).toBe(false);
	});

	test('readPublicKey accepts PEM RSA public keys only', () => {
		expect(readPublicKey(`\n${pem}\n`)).toBeDefined();
		expect(readPublicKey('')).toBeUndefined();
		expect(readPublicKey('not a key')).toBeUndefined();
		const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' });
		expect(readPublicKey(ec)).toBeUndefined();
	});

	test('no key is bundled until lexoffice’s published key is pasted in (so nothing verifies by default)', () => {
		expect(LEXOFFICE_WEBHOOK_PUBLIC_KEY).toBe('');
	});
});

describe('redelivery memory', () => {
	test('the same type, resource and date is seen twice; a different date is new', () => {
		const data = {};
		const k1 = eventKey('invoice.changed', 'r', '2026-01-01T00:00:00.000+01:00');
		const k2 = eventKey('invoice.changed', 'r', '2026-01-01T00:00:01.000+01:00');
		expect(rememberEvent(data, k1)).toBe(false);
		expect(rememberEvent(data, k1)).toBe(true);
		expect(rememberEvent(data, k2)).toBe(false);
		expect(rememberEvent(data, eventKey('invoice.status.changed', 'r', '2026-01-01T00:00:00.000+01:00'))).toBe(false);
	});

	test('the list stays bounded and forgets the oldest keys first', () => {
		const data = {};
		for (let i = 0; i < 12; i++) rememberEvent(data, `k${i}`, 10);
		expect(data.recentEvents).toHaveLength(10);
		expect(rememberEvent(data, 'k11', 10)).toBe(true);
		expect(rememberEvent(data, 'k0', 10)).toBe(false);
		expect(RECENT_EVENTS_LIMIT).toBeGreaterThanOrEqual(100);
	});

	test('a damaged stored value is replaced, not trusted', () => {
		const data = { recentEvents: 'garbage' };
		expect(rememberEvent(data, 'a')).toBe(false);
		expect(data.recentEvents).toEqual(['a']);
	});
});

describe('event catalogue', () => {
	test('all 42 documented event types, each offered once', () => {
		expect(EVENT_TYPES).toHaveLength(42);
		expect(new Set(EVENT_OPTIONS.map((o) => o.value)).size).toBe(42);
		for (const t of ['article.deleted', 'recurring-template.changed', 'voucher.status.changed', 'down-payment-invoice.created', 'payment.changed', 'token.revoked']) {
			expect(isKnownEventType(t)).toBe(true);
		}
		expect(isKnownEventType('contact.status.changed')).toBe(false);
		expect(isKnownEventType('invoice.status.paid')).toBe(false);
	});

	test('records are read from their own endpoint; deleted records and token.revoked are not read', () => {
		expect(resourcePath('invoice.status.changed', 'a/b')).toBe('/v1/invoices/a%2Fb');
		expect(resourcePath('payment.changed', 'x')).toBe('/v1/payments/x');
		expect(resourcePath('order-confirmation.created', 'x')).toBe('/v1/order-confirmations/x');
		expect(resourcePath('recurring-template.changed', 'x')).toBe('/v1/recurring-templates/x');
		expect(resourcePath('contact.deleted', 'x')).toBeUndefined();
		expect(resourcePath('token.revoked', 'x')).toBeUndefined();
	});
});

describe('parseEvent', () => {
	test('reads the four fields', () => {
		expect(parseEvent(body)).toEqual({
			organizationId: 'o-1',
			eventType: 'contact.created',
			resourceId: 'r-1',
			eventDate: '2026-11-30T07:00:00.000+01:00',
		});
	});

	test.each([['not json'], ['[]'], ['null'], ['{"organizationId":"o","eventType":"x","resourceId":"r"}'], ['{"organizationId":1,"eventType":"x","resourceId":"r","eventDate":"d"}']])(
		'refuses %s',
		(text) => {
			expect(parseEvent(Buffer.from(text))).toBeUndefined();
		},
	);
});
