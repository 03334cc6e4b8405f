/**
 * What the domain answers instead of throwing: a value, or what is wrong with the input.
 * Only the node layer turns problems into an n8n error (with the item index), so these
 * modules stay free of n8n and can be tested on their own.
 */

/** One thing wrong with the input. `field` is the name the user sees (a UI label or a JSON path). */
export interface Problem {
	field: string;
	problem: string;
	hint?: string;
}

/** The outcome of checking one value; the caller knows which field it came from. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string; hint?: string };

export type Outcome<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export function valid<T>(value: T): Checked<T> {
	return { ok: true, value };
}

export function invalid(problem: string, hint?: string): { ok: false; problem: string; hint?: string } {
	return hint === undefined ? { ok: false, problem } : { ok: false, problem, hint };
}

/**
 * Collects problems while a body is checked. `take` returns the value or undefined, so a
 * check can go on and report every independent problem in one go; checks that depend on
 * an earlier value skip when that value was refused.
 */
export class ProblemList {
	readonly problems: Problem[] = [];

	take<T>(field: string, result: Checked<T>): T | undefined {
		if (result.ok) return result.value;
		this.add(field, result.problem, result.hint);
		return undefined;
	}

	add(field: string, problem: string, hint?: string): void {
		this.problems.push(hint === undefined ? { field, problem } : { field, problem, hint });
	}

	get empty(): boolean {
		return this.problems.length === 0;
	}

	outcome<T>(value: T): Outcome<T> {
		return this.empty ? { ok: true, value } : { ok: false, problems: this.problems };
	}
}

export function hasValue(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

/** Drops undefined entries, so the body carries only what was set. */
export function compact<T extends Record<string, unknown>>(value: T): Record<string, unknown> {
	const result: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value)) {
		if (entry !== undefined) result[key] = entry;
	}
	return result;
}

/** A short quote of a value for messages: never the whole of a huge input. */
export function quote(value: unknown, max = 40): string {
	return `"${String(value).slice(0, max)}"`;
}
