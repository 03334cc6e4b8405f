import { lexofficeBody } from '../../transport';
import type { Operation } from '../types';
import { articleLocator, readArticleId } from './get.operation';

export const remove: Operation<{ id: string }> = {
	description: [articleLocator('delete')],
	prepare(context, itemIndex) {
		return { id: readArticleId(context, itemIndex) };
	},
	async execute(context, itemIndex, { id }) {
		// lexoffice answers 204 without a body; the delete is final.
		await lexofficeBody(context, { method: 'DELETE', path: `/v1/articles/${id}` }, { itemIndex });
		return [{ json: { id, deleted: true } }];
	},
};
