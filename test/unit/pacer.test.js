'use strict';
// The adaptive pacer on its own, on a clock the test moves: spacing, the cut after a 429,
// the climb back, the wait after a 429, and several processes sharing one token bucket.
const { AdaptivePacer, PACING_POLICY } = require('../../dist/nodes/Lexoffice/transport/pacer');
const { shareOneBucket } = require('../harness/sharedBucket');

function fakeClock({ random = () => 0.5 } = {}) {
	const clock = {
		time: 1_000_000,
		now: () => clock.time,
		sleep: async (ms) => {
			clock.time += ms;
		},
		random,
		advance: (ms) => {
			clock.time += ms;
		},
	};
	return clock;
}

const KEY = 'lexofficeApi:1';

describe('spacing', () => {
	test('requests are spaced evenly at the ceiling below the credential’s rate', () => {
		const pacer = new AdaptivePacer(fakeClock());
		const waits = [0, 1, 2, 3].map(() => pacer.reserve(KEY, 2));
		const interval = 1000 / (2 * PACING_POLICY.ceiling);
		expect(waits[0]).toBe(0);
		expect(waits[1]).toBeCloseTo(interval, 6);
		expect(waits[3]).toBeCloseTo(3 * interval, 6);
	});

	test('credentials do not share a schedule, and a changed rate starts over', () => {
		const pacer = new AdaptivePacer(fakeClock());
		pacer.reserve(KEY, 2);
		expect(pacer.reserve('lexofficeApi:2', 2)).toBe(0);
		pacer.onRateLimited(KEY, 2);
		expect(pacer.rate(KEY, 2)).toBeCloseTo(2 * PACING_POLICY.ceiling * PACING_POLICY.decrease, 6);
		expect(pacer.rate(KEY, 5)).toBeCloseTo(5 * PACING_POLICY.ceiling, 6);
	});
});

describe('after a 429', () => {
	test('the rate is cut by the decrease factor, once per overload, never below the floor', () => {
		const clock = fakeClock();
		const pacer = new AdaptivePacer(clock);
		const start = pacer.rate(KEY, 2);
		pacer.onRateLimited(KEY, 2);
		const once = pacer.rate(KEY, 2);
		expect(once).toBeCloseTo(start * PACING_POLICY.decrease, 6);
		// A second 429 of the same instant (another execution) does not cut again.
		pacer.onRateLimited(KEY, 2);
		expect(pacer.rate(KEY, 2)).toBe(once);
		// One interval later it is a new overload.
		clock.advance(1000 / once);
		pacer.onRateLimited(KEY, 2);
		expect(pacer.rate(KEY, 2)).toBeCloseTo(once * PACING_POLICY.decrease, 6);
		for (let index = 0; index < 20; index++) {
			clock.advance(60_000);
			pacer.onRateLimited(KEY, 2);
		}
		expect(pacer.rate(KEY, 2)).toBeCloseTo(2 * PACING_POLICY.floor, 6);
	});

	test('the wait is one refill interval with jitter; Retry-After wins when sent', () => {
		const low = new AdaptivePacer(fakeClock({ random: () => 0 }));
		const high = new AdaptivePacer(fakeClock({ random: () => 0.999999 }));
		expect(low.waitAfterRateLimit(2)).toBe(500);
		expect(high.waitAfterRateLimit(2)).toBe(Math.round(500 * (1 + PACING_POLICY.refillJitter)));
		expect(low.waitAfterRateLimit(20)).toBe(50);
		expect(high.waitAfterRateLimit(2, 3000)).toBe(3000);
		expect(high.waitAfterRateLimit(2, 0)).toBe(0);
	});

	test('the schedule restarts after the wait, for every execution of the process', () => {
		const clock = fakeClock();
		const pacer = new AdaptivePacer(clock);
		pacer.reserve(KEY, 2);
		pacer.onRateLimited(KEY, 2, 640);
		expect(pacer.reserve(KEY, 2)).toBe(640);
		const slower = 1000 / pacer.rate(KEY, 2);
		expect(pacer.reserve(KEY, 2)).toBeCloseTo(640 + slower, 6);
	});

	test('slots other executions of the process booked stay booked', () => {
		const pacer = new AdaptivePacer(fakeClock());
		const booked = [0, 1, 2].map(() => pacer.reserve(KEY, 2));
		pacer.onRateLimited(KEY, 2, 600);
		const interval = 1000 / (2 * PACING_POLICY.ceiling);
		expect(booked[2]).toBeCloseTo(2 * interval, 6);
		expect(pacer.reserve(KEY, 2)).toBeCloseTo(3 * interval, 6);
	});

	test('without a wait (the item gave up) the schedule is left alone', () => {
		const pacer = new AdaptivePacer(fakeClock());
		pacer.onRateLimited(KEY, 2);
		expect(pacer.reserve(KEY, 2)).toBe(0);
	});
});

describe('climbing back', () => {
	test('each second of answers without a 429 wins back a fixed step, up to the ceiling', () => {
		const clock = fakeClock();
		const pacer = new AdaptivePacer(clock);
		pacer.onRateLimited(KEY, 2);
		const low = pacer.rate(KEY, 2);
		clock.advance(1000);
		pacer.onSuccess(KEY, 2);
		expect(pacer.rate(KEY, 2)).toBeCloseTo(low + 2 * PACING_POLICY.increasePerSecond, 6);
		for (let index = 0; index < 1000; index++) {
			clock.advance(1000);
			pacer.onSuccess(KEY, 2);
		}
		expect(pacer.rate(KEY, 2)).toBeCloseTo(2 * PACING_POLICY.ceiling, 6);
	});

	test('idle time does not count as evidence of room: at most two intervals per answer', () => {
		const clock = fakeClock();
		const pacer = new AdaptivePacer(clock);
		pacer.onRateLimited(KEY, 2);
		const low = pacer.rate(KEY, 2);
		clock.advance(3_600_000);
		pacer.onSuccess(KEY, 2);
		const credited = (2 * 1000) / low / 1000;
		expect(pacer.rate(KEY, 2)).toBeCloseTo(low + 2 * PACING_POLICY.increasePerSecond * credited, 6);
	});
});

describe('processes sharing one bucket', () => {
	test('one process alone never meets a 429 and stays at its ceiling', () => {
		const run = shareOneBucket({ processes: 1, itemsEach: 100 });
		expect(run.refused).toBe(0);
		expect(run.doneFraction).toBeGreaterThan(0.95);
	});

	test('four processes back off: every item is carried out once, most requests get through', () => {
		const run = shareOneBucket({ processes: 4, itemsEach: 50 });
		expect(run.done).toEqual([50, 50, 50, 50]);
		expect(run.failed).toBe(0);
		expect(run.doneFraction).toBeGreaterThan(0.6);
		// Four processes at the ceiling would see three of four requests refused.
		expect(run.share429).toBeLessThan(0.35);
	});
});
