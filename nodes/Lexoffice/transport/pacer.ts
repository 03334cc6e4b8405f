import { sleep } from 'n8n-workflow';

/**
 * lexoffice allows a fixed number of requests per second per client and warns that pacing
 * at exactly that rate still trips it, because of jitter. Requests are spaced a little wider.
 */
export const PACING_MARGIN = 0.92;

interface PacerState {
	nextSlot: number;
}

/**
 * One schedule per credential for the whole n8n process, so that items, pages and
 * concurrent executions that share a credential share its budget. Separate n8n processes
 * (queue-mode workers) cannot see each other; there the 429 backoff carries the load.
 */
const schedules = new Map<string, PacerState>();

function scheduleFor(key: string): PacerState {
	let state = schedules.get(key);
	if (!state) {
		state = { nextSlot: 0 };
		schedules.set(key, state);
	}
	return state;
}

export function intervalMs(requestsPerSecond: number): number {
	const rate = Number.isFinite(requestsPerSecond) && requestsPerSecond > 0 ? requestsPerSecond : 2;
	return 1000 / (rate * PACING_MARGIN);
}

/** Waits for this credential's next free slot and books it. */
export async function waitForSlot(key: string, requestsPerSecond: number): Promise<void> {
	const state = scheduleFor(key);
	const now = Date.now();
	const slot = Math.max(now, state.nextSlot);
	state.nextSlot = slot + intervalMs(requestsPerSecond);
	if (slot > now) await sleep(slot - now);
}

/** After a 429, nobody using this credential should send before `delayMs` has passed. */
export function holdOff(key: string, delayMs: number): void {
	const state = scheduleFor(key);
	state.nextSlot = Math.max(state.nextSlot, Date.now() + delayMs);
}
