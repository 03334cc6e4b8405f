'use strict';

// Deterministic fault injection for /v1 requests.

const { createPrng } = require('./util');

// retryAfterSeconds: a Retry-After header on injected 429s (lexoffice documents none; off by default).
// rateEchoToken: a 400 whose message repeats the caller's access token (raw and URL-encoded),
// to prove that a token never reaches the user, however it came back.
const DEFAULTS = { rate429: 0, rate500: 0, rate503: 0, rate504AfterCommit: 0, rateReset: 0, rateEchoToken: 0, slowMs: 0, seed: 1, retryAfterSeconds: undefined };

function createFaults(initial) {
	let config = { ...DEFAULTS, ...(initial || {}) };
	let rand = createPrng(config.seed);

	return {
		get config() {
			return { ...config };
		},
		set(partial) {
			config = { ...config, ...(partial || {}) };
			if (partial && partial.seed !== undefined) rand = createPrng(config.seed);
		},
		/**
		 * One draw per /v1 request. Returns {kind: null|'429'|'500'|'503'|'504'|'reset'|'echoToken', afterCommit}.
		 * Writes (POST/PUT) that are reset are executed first half of the time.
		 */
		draw(method) {
			const r = rand();
			let acc = 0;
			let kind = null;
			for (const [k, name] of [
				['rate429', '429'],
				['rate500', '500'],
				['rate503', '503'],
				['rate504AfterCommit', '504'],
				['rateReset', 'reset'],
				['rateEchoToken', 'echoToken'],
			]) {
				acc += Number(config[k]) || 0;
				if (r < acc) {
					kind = name;
					break;
				}
			}
			let afterCommit = kind === '504';
			if (kind === 'reset' && (method === 'POST' || method === 'PUT')) afterCommit = rand() < 0.5;
			return { kind, afterCommit, slowMs: Number(config.slowMs) || 0 };
		},
	};
}

module.exports = { createFaults };
