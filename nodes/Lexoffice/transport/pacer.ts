import { sleep } from 'n8n-workflow';

/**
 * Adaptive pacing per credential, without a coordination service.
 *
 * lexoffice grants each account a token bucket (2 requests/second today). One n8n process
 * shares one schedule per credential across items, pages and concurrent executions. Queue-mode
 * workers are separate processes that cannot see each other, so each one reads a 429 as the
 * sign that others draw from the same bucket and adjusts its own rate the way TCP shares a
 * link (AIMD): a 429 cuts the rate by a factor, every second without one wins back a small,
 * fixed step. Processes that back off in proportion and recover by the same step drift
 * towards equal shares whose sum is the limit.
 *
 * Three details matter with a token bucket:
 * - Requests are spaced evenly, not randomly: evenly spaced senders with the same rate fall
 *   into interleaved slots and stop colliding, while random spacing collides even below the
 *   limit.
 * - A 429 moves the process's schedule (the next request waits a refill interval plus jitter,
 *   measured from the 429), so two processes that keep meeting in the same instant separate.
 *   Slots that other executions of the same process already booked stay where they are, so
 *   the process never collides with itself.
 * - The ceiling is a little below the configured rate: a process that sends at exactly the
 *   refill rate takes every token the moment it appears and never sees a 429, so it would
 *   never make room for another process. lexoffice also warns that exact pacing trips the
 *   limit because of jitter.
 */
export const PACING_POLICY = {
	/** Fraction of the credential's rate a process paces towards when it sees no 429. */
	ceiling: 0.97,
	/** Rate multiplier after a 429. */
	decrease: 0.5,
	/** Fraction of the credential's rate won back per second without a 429. */
	increasePerSecond: 0.02,
	/** The rate never drops below this fraction of the credential's rate. */
	floor: 1 / 16,
	/** Waiting after a 429 without Retry-After: one refill interval times 1 + up to this. */
	refillJitter: 0.5,
};

interface PacerState {
	/** The credential's configured rate this state was built for. */
	limit: number;
	/** Current requests per second of this process. */
	rate: number;
	/** Earliest time of the next request. */
	nextSlot: number;
	/** Time of the latest slot booked; later than now while another execution waits for it. */
	lastSlot: number;
	/** Last time the rate was raised. */
	raisedAt: number;
	/** 429s before this time belong to the overload already answered by a decrease. */
	holdUntil: number;
}

export interface PacerClock {
	now(): number;
	sleep(ms: number): Promise<void>;
	random(): number;
}

const systemClock: PacerClock = {
	now: () => Date.now(),
	sleep: async (ms) => await sleep(ms),
	random: () => Math.random(),
};

function validRate(requestsPerSecond: number): number {
	return Number.isFinite(requestsPerSecond) && requestsPerSecond > 0 ? requestsPerSecond : 2;
}

export class AdaptivePacer {
	private readonly states = new Map<string, PacerState>();

	constructor(
		private readonly clock: PacerClock = systemClock,
		private readonly policy = PACING_POLICY,
	) {}

	private state(key: string, requestsPerSecond: number): PacerState {
		const limit = validRate(requestsPerSecond);
		let state = this.states.get(key);
		// A changed credential rate starts over: the old rate says nothing about the new limit.
		if (!state || state.limit !== limit) {
			const now = this.clock.now();
			state = { limit, rate: limit * this.policy.ceiling, nextSlot: 0, lastSlot: 0, raisedAt: now, holdUntil: 0 };
			this.states.set(key, state);
		}
		return state;
	}

	/** Current requests per second of this process for the credential. */
	rate(key: string, requestsPerSecond: number): number {
		return this.state(key, requestsPerSecond).rate;
	}

	/** Books the credential's next slot and returns how long to wait for it, in ms. */
	reserve(key: string, requestsPerSecond: number): number {
		const state = this.state(key, requestsPerSecond);
		const now = this.clock.now();
		const slot = Math.max(now, state.nextSlot);
		state.nextSlot = slot + 1000 / state.rate;
		state.lastSlot = slot;
		return slot - now;
	}

	/** Waits for the credential's next slot. */
	async waitForSlot(key: string, requestsPerSecond: number): Promise<void> {
		const wait = this.reserve(key, requestsPerSecond);
		if (wait > 0) await this.clock.sleep(wait);
	}

	/** Additive increase: time without a 429 wins back a fixed step per second. */
	onSuccess(key: string, requestsPerSecond: number): void {
		const state = this.state(key, requestsPerSecond);
		const now = this.clock.now();
		// Only time spent sending counts: a credential idle for an hour has not shown that
		// the bucket has room, so at most two intervals are credited per answer.
		const seconds = Math.min(now - state.raisedAt, 2000 / state.rate) / 1000;
		state.raisedAt = now;
		if (seconds <= 0) return;
		state.rate = Math.min(
			state.limit * this.policy.ceiling,
			state.rate + state.limit * this.policy.increasePerSecond * seconds,
		);
	}

	/**
	 * The wait after a 429: `Retry-After` when lexoffice sent one, otherwise one refill
	 * interval of the bucket (1/rate), when the next token exists, with jitter so that
	 * processes refused in the same instant do not come back in the same instant.
	 */
	waitAfterRateLimit(requestsPerSecond: number, retryAfterMs?: number): number {
		if (retryAfterMs !== undefined) return retryAfterMs;
		const refillMs = 1000 / validRate(requestsPerSecond);
		return Math.round(refillMs * (1 + this.clock.random() * this.policy.refillJitter));
	}

	/**
	 * Multiplicative decrease after a 429. Several 429s of one overload (concurrent executions
	 * answered in the same instant) count once. With `resumeInMs` the schedule restarts that
	 * far from now, which also shifts this process's slots away from whoever took the token.
	 */
	onRateLimited(key: string, requestsPerSecond: number, resumeInMs?: number): void {
		const state = this.state(key, requestsPerSecond);
		const now = this.clock.now();
		if (now >= state.holdUntil) {
			state.rate = Math.max(state.limit * this.policy.floor, state.rate * this.policy.decrease);
			state.holdUntil = now + 1000 / state.rate;
		}
		state.raisedAt = now;
		if (resumeInMs === undefined) return;
		// Slots other executions of this process already booked stay booked, so the process
		// never collides with itself; otherwise the wait alone decides (Retry-After wins).
		const othersWaiting = state.lastSlot > now;
		state.nextSlot = othersWaiting ? Math.max(state.nextSlot, now + resumeInMs) : now + resumeInMs;
	}
}

/**
 * One pacer for the whole n8n process, so that items, pages and concurrent executions that
 * share a credential share its budget.
 */
const processPacer = new AdaptivePacer();

export async function waitForSlot(key: string, requestsPerSecond: number): Promise<void> {
	await processPacer.waitForSlot(key, requestsPerSecond);
}

export function recordSuccess(key: string, requestsPerSecond: number): void {
	processPacer.onSuccess(key, requestsPerSecond);
}

/** How long to wait after a 429 before the request is sent again. */
export function waitAfterRateLimit(requestsPerSecond: number, retryAfterMs?: number): number {
	return processPacer.waitAfterRateLimit(requestsPerSecond, retryAfterMs);
}

/** A 429: slow this process down; with `resumeInMs`, nothing is sent for that long. */
export function recordRateLimited(key: string, requestsPerSecond: number, resumeInMs?: number): void {
	processPacer.onRateLimited(key, requestsPerSecond, resumeInMs);
}
