'use strict';
// The sandbox's rate limit is a token bucket like lexoffice's ("2 requests/second per client,
// token bucket"). lexoffice does not document the bucket's size; the sandbox holds 2 tokens,
// a plausible model, so that two requests may arrive together but a third must wait.
const { RateLimiter } = require('./rateLimiter');

describe('the sandbox token bucket at 2 requests/second', () => {
	test('a full bucket lets 2 requests through at once and refuses the third', () => {
		const bucket = new RateLimiter({ requestsPerSecond: 2, burst: 2 });
		expect([0, 0, 0].map(() => bucket.take('client', 1000).ok)).toEqual([true, true, false]);
	});

	test('one token comes back every 500 ms; a refused request does not use one up', () => {
		const bucket = new RateLimiter({ requestsPerSecond: 2, burst: 2 });
		bucket.take('client', 0);
		bucket.take('client', 0);
		expect(bucket.take('client', 499).ok).toBe(false);
		expect(bucket.take('client', 499).ok).toBe(false);
		expect(bucket.take('client', 500).ok).toBe(true);
		expect(bucket.take('client', 999).ok).toBe(false);
		expect(bucket.take('client', 1000).ok).toBe(true);
	});

	test('idle time fills the bucket to its size, not beyond', () => {
		const bucket = new RateLimiter({ requestsPerSecond: 2, burst: 2 });
		bucket.take('client', 0);
		const after = [0, 0, 0].map(() => bucket.take('client', 60_000).ok);
		expect(after).toEqual([true, true, false]);
	});

	test('clients have separate buckets', () => {
		const bucket = new RateLimiter({ requestsPerSecond: 2, burst: 2 });
		bucket.take('a', 0);
		bucket.take('a', 0);
		expect(bucket.take('b', 0).ok).toBe(true);
	});

	test('over a minute it admits 2 per second plus the initial burst, whatever the offered load', () => {
		for (const offeredPerSecond of [2, 3, 10]) {
			const bucket = new RateLimiter({ requestsPerSecond: 2, burst: 2 });
			let admitted = 0;
			for (let time = 0; time <= 60_000; time += 1000 / offeredPerSecond) if (bucket.take('client', time).ok) admitted++;
			expect(admitted).toBeGreaterThanOrEqual(121);
			expect(admitted).toBeLessThanOrEqual(122);
		}
	});
});
