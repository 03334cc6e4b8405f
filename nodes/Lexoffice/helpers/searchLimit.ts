import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { SEARCH_WINDOW } from '../transport';

/**
 * A listing that lexoffice's 10,000-entry window still cut short after splitting: fail when the
 * user chose "Fail", otherwise warn in the output pane, so a short list is never silent.
 */
export function reportSearchLimit(
	context: IExecuteFunctions,
	itemIndex: number,
	onSearchLimit: 'warn' | 'fail',
	plural: string,
	narrowHint: string,
): void {
	const window = SEARCH_WINDOW.toLocaleString('en');
	const message = `More than ${window} ${plural} match; lexoffice lists only the first ${window} of one search`;
	if (onSearchLimit === 'fail') {
		throw new NodeOperationError(context.getNode(), message, { itemIndex, description: narrowHint });
	}
	context.addExecutionHints({ message: `${message}. The list may be incomplete; narrow it with filters.`, location: 'outputPane' });
}
