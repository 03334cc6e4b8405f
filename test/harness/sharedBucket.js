'use strict';
/**
 * A model, in virtual time, of n8n processes sharing one lexoffice account: each process has
 * its own pacer (the built AdaptivePacer), runs executions that send one request per item, one
 * after the other, and handles a 429 the way transport/request.ts does (wait what the pacer
 * says, tell the pacer, send again; give up after RATE_LIMIT_POLICY's 3 minutes). Requests
 * meet the sandbox's token bucket (2/s, 2 tokens unless `burst` says otherwise); with
 * `inject429` a share of requests is answered 429 at random, after taking a token (as the
 * sandbox's fault does) unless `injectedTakesToken` is false.
 *
 * It runs in milliseconds, so a pacing change can be weighed before the queue-mode benchmark
 * (minutes in a real n8n) confirms it. Network and n8n's per-item work are a few random
 * milliseconds; what it cannot show is a busy machine.
 */
const { AdaptivePacer } = require('../../dist/nodes/Lexoffice/transport/pacer');
const { RATE_LIMIT_POLICY } = require('../../dist/nodes/Lexoffice/transport/request');
const { RateLimiter } = require('../sandbox/rateLimiter');

const KEY = 'lexofficeApi:model';

function seededRandom(seed) {
	let state = seed >>> 0 || 1;
	return () => {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		return state / 4294967296;
	};
}

/**
 * Returns what lexoffice would have seen: requests sent, 429s (all, the bucket's own, and
 * injected ones that took no token),
 * items done per process, items that gave up, and the rate as a fraction of the limit.
 */
function shareOneBucket({
	processes,
	executionsEach = 1,
	itemsEach,
	requestsPerSecond = 2,
	burst = 2,
	inject429 = 0,
	injectedTakesToken = true,
	seed = 1,
}) {
	const random = seededRandom(seed);
	const clock = { time: 1_000_000, now: () => clock.time, sleep: async () => {}, random };
	const bucket = new RateLimiter({ requestsPerSecond, burst });
	const events = [];
	const at = (time, fn) => events.push({ time, order: events.length, fn });
	const stats = { sent: 0, refused: 0, bucketRefused: 0, untakenRefused: 0, first: Infinity, last: 0, done: new Array(processes).fill(0), failed: 0 };

	/** The bucket's answer to a request arriving now; an injected 429 may still take a token. */
	function answer() {
		const injected = random() < inject429;
		if (injected && !injectedTakesToken) {
			stats.untakenRefused++;
			return 429;
		}
		if (!bucket.take('account', clock.time).ok) {
			stats.bucketRefused++;
			return 429;
		}
		return injected ? 429 : 200;
	}

	for (let index = 0; index < processes; index++) {
		const pacer = new AdaptivePacer(clock);
		for (let execution = 0; execution < executionsEach; execution++) {
			let left = itemsEach;
			let waited = 0;
			const next = () => {
				if (left > 0) at(clock.time + pacer.reserve(KEY, requestsPerSecond), send);
			};
			const send = () => {
				at(clock.time + 1 + random() * 4, () => {
					stats.sent++;
					stats.first = Math.min(stats.first, clock.time);
					stats.last = clock.time;
					const status = answer();
					if (status === 429) stats.refused++;
					at(clock.time + 3 + random() * 12, () => {
						if (status === 200) {
							pacer.onSuccess(KEY, requestsPerSecond);
							stats.done[index]++;
						} else {
							const wait = pacer.waitAfterRateLimit(requestsPerSecond);
							if (waited + wait <= RATE_LIMIT_POLICY.maxTotalWaitMs) {
								waited += wait;
								pacer.onRateLimited(KEY, requestsPerSecond, wait);
								next();
								return;
							}
							pacer.onRateLimited(KEY, requestsPerSecond);
							stats.failed++;
						}
						left--;
						waited = 0;
						// n8n's own work between two items.
						at(clock.time + 2 + random() * 5, next);
					});
				});
			};
			at(clock.time + random() * 50, next);
		}
	}
	while (events.length) {
		events.sort((a, b) => a.time - b.time || a.order - b.order);
		const event = events.shift();
		clock.time = event.time;
		event.fn();
	}
	const seconds = (stats.last - stats.first) / 1000;
	const perLimit = (count) => (seconds > 0 ? (count - 1) / seconds / requestsPerSecond : 0);
	return {
		...stats,
		seconds,
		// Requests lexoffice carried out, and requests that took a token, per second, as a fraction of the limit.
		doneFraction: perLimit(stats.sent - stats.refused),
		usedFraction: perLimit(stats.sent - stats.bucketRefused - stats.untakenRefused),
		share429: stats.sent ? stats.refused / stats.sent : 0,
	};
}

module.exports = { shareOneBucket };
