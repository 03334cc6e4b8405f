import type { IExecuteFunctions } from 'n8n-workflow';

import type { Problem } from './articleBody';
import { inputError } from './validation';

/** Turns a domain module's problems into the item's one input error (the first leads, the rest are listed). */
export function throwProblems(context: IExecuteFunctions, itemIndex: number, problems: Problem[]): void {
	if (problems.length === 0) return;
	const [first, ...rest] = problems;
	const lines = [first.hint, ...rest.map((p) => `• ${p.field} ${p.problem}`)].filter(Boolean);
	throw inputError(context, itemIndex, first.field, first.problem, lines.length ? lines.join('\n') : undefined);
}
