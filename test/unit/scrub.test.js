'use strict';
// Secrets never reach the user, in any form they come back in.
const { scrubSecrets } = require('../../dist/nodes/Lexoffice/transport/errors');

describe('scrubSecrets', () => {
	test('the gateway’s Authorization echo is cut on its own line of a multi-line text', () => {
		const text = "first line\n'x' not a valid key=value pair in Authorization header: 'Bearer abc!def@ghi'.\nlast line";
		const result = scrubSecrets(text, []);
		expect(result).not.toContain('ghi');
		expect(result).toContain('in Authorization header: [redacted]');
		expect(result).toContain('first line');
		expect(result).toContain('last line');
	});

	test('a bearer token with ! and @ is removed whole', () => {
		expect(scrubSecrets('sent Bearer ab!cd@ef#gh to lexoffice', [])).toBe('sent Bearer [redacted] to lexoffice');
		expect(scrubSecrets('"Authorization":"Basic a@b!c"', [])).toBe('"Authorization":"Basic [redacted]"');
	});

	test('known secrets are removed raw, URL-encoded (both hex cases, form style) and base64-encoded', () => {
		const secret = 'k3y/with+special=chars&more!';
		const encoded = encodeURIComponent(secret);
		const text = [
			`raw ${secret}`,
			`url ${encoded}`,
			`lower ${encoded.toLowerCase()}`,
			`form ${encodeURIComponent('pass word secret').replace(/%20/g, '+')}`,
			`b64 ${Buffer.from(secret).toString('base64')}`,
		].join('\n');
		const result = scrubSecrets(text, [secret, 'pass word secret']);
		expect(result).toBe('raw [redacted]\nurl [redacted]\nlower [redacted]\nform [redacted]\nb64 [redacted]');
	});

	test('runs in linear time on long hostile input', () => {
		const text = `Bearer ${'a'.repeat(200_000)} ${'in Authorization header:'.repeat(5_000)}\n`.repeat(3);
		const started = Date.now();
		scrubSecrets(text, ['secret-value']);
		expect(Date.now() - started).toBeLessThan(500);
	});
});
