import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Checked, Outcome, Problem } from '../domain/problems';
import { checkBoolean, checkCountryCode, checkEmail, checkText, checkUuid } from '../domain/text';

export { isUuid } from '../domain/text';

/** A problem with what the user entered, found before anything is sent to lexoffice. */
export class InputError extends NodeOperationError {}

/**
 * The one place where the domain's problems become an n8n error: the first problem is the
 * message, named by field and input item; further ones follow in the description.
 */
export function problemsError(context: IExecuteFunctions, itemIndex: number, problems: Problem[]): InputError {
	const [first, ...others] = problems;
	const description = [
		first.hint,
		...(others.length ? [`Also: ${others.map((entry) => `${entry.field} ${entry.problem}`).join('; ')}.`] : []),
	]
		.filter(Boolean)
		.join(' ');
	return new InputError(context.getNode(), `${first.field} ${first.problem} [item ${itemIndex}]`, {
		itemIndex,
		description: description || undefined,
	});
}

export function inputError(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	problem: string,
	hint?: string,
): InputError {
	return problemsError(context, itemIndex, [{ field, problem, hint }]);
}

/** The value of a domain check, or the check's problem thrown for this field and item. */
export function orThrow<T>(context: IExecuteFunctions, itemIndex: number, field: string, result: Checked<T>): T {
	if (result.ok) return result.value;
	throw inputError(context, itemIndex, field, result.problem, result.hint);
}

/** The value of a domain outcome, or all its problems as one error. */
export function valueOrThrow<T>(context: IExecuteFunctions, itemIndex: number, outcome: Outcome<T>): T {
	if (outcome.ok) return outcome.value;
	throw problemsError(context, itemIndex, outcome.problems);
}

/** Reads a text parameter; an expression that produced an object or a list is rejected. */
export function readText(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	options: { required?: boolean; maxLength?: number } = {},
): string | undefined {
	return orThrow(context, itemIndex, field, checkText(value, options));
}

export function readUuid(context: IExecuteFunctions, itemIndex: number, field: string, value: unknown): string {
	return orThrow(context, itemIndex, field, checkUuid(value));
}

export function readEmail(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): string | undefined {
	return orThrow(context, itemIndex, field, checkEmail(value));
}

/** ISO 3166 alpha-2, plus lexoffice's extended codes such as ES_CN (Canary Islands). */
export function readCountryCode(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	required: boolean,
): string | undefined {
	return orThrow(context, itemIndex, field, checkCountryCode(value, required));
}

export function readBoolean(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): boolean | undefined {
	return orThrow(context, itemIndex, field, checkBoolean(value));
}

/**
 * Get Many's Return All and Limit (the fields of `returnAllAndLimit`): undefined for all
 * records, otherwise the limit, a whole number of at least 1.
 */
export function readListLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (context.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	const limit = context.getNodeParameter('limit', itemIndex, 50) as number;
	if (!Number.isInteger(limit) || limit < 1) {
		throw inputError(context, itemIndex, 'Limit', 'must be a whole number of at least 1');
	}
	return limit;
}

/** A download's Put Output File in Field (the field of `outputBinaryField`). */
export function readOutputBinaryField(context: IExecuteFunctions, itemIndex: number): string {
	return readText(context, itemIndex, 'Put Output File in Field', context.getNodeParameter('binaryPropertyName', itemIndex, 'data'), {
		required: true,
		maxLength: 255,
	}) as string;
}
