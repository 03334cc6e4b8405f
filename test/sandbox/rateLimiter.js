'use strict';

// Token bucket per client key. Rejected requests do not consume tokens.

class RateLimiter {
	constructor(options) {
		this.buckets = new Map();
		this.configure(options);
	}

	/** options: false | {requestsPerSecond, burst, retryAfterSeconds} (partial updates merge). */
	configure(options) {
		if (options === false || options === null) {
			this.enabled = false;
			return;
		}
		const prev = this.config || { requestsPerSecond: 2, burst: 2, retryAfterSeconds: undefined };
		this.config = { ...prev, ...(options || {}) };
		this.enabled = this.config.requestsPerSecond > 0;
		this.buckets.clear();
	}

	/** Returns {ok: true} or {ok: false, retryAfterSeconds?}. */
	take(key, now = performanceNow()) {
		if (!this.enabled) return { ok: true };
		const { requestsPerSecond, burst } = this.config;
		const capacity = Math.max(1, burst || 1);
		let bucket = this.buckets.get(key);
		if (!bucket) {
			bucket = { tokens: capacity, last: now };
			this.buckets.set(key, bucket);
		}
		bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.last) / 1000) * requestsPerSecond);
		bucket.last = now;
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			return { ok: true };
		}
		return { ok: false, retryAfterSeconds: this.config.retryAfterSeconds };
	}
}

function performanceNow() {
	return performance.now();
}

module.exports = { RateLimiter };
