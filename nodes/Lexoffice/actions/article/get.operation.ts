import type { INodeProperties } from 'n8n-workflow';

import { readUuid } from '../../helpers/validation';
import { lexofficeBody } from '../../transport';
import { recordLocator } from '../common.descriptions';
import type { Operation } from '../types';

export const articleLocator = (operation: string): INodeProperties => ({
	...recordLocator({
		name: 'articleId',
		displayName: 'Article',
		searchMethod: 'searchArticles',
		urlSegment: 'articles',
		noun: 'article',
		// lexoffice documents no article permalink; its API address (resourceUri) ends in /articles/{id}
		urlInfix: '(?:(?:view|edit)/)?',
		description: 'The article, picked from the list, by its lexoffice address (resourceUri) or by ID',
	}),
	displayOptions: { show: { resource: ['article'], operation: [operation] } },
});

export function readArticleId(context: Parameters<Operation['prepare']>[0], itemIndex: number): string {
	const value = context.getNodeParameter('articleId', itemIndex, '', { extractValue: true });
	return readUuid(context, itemIndex, 'Article', value);
}

export const get: Operation<{ id: string }> = {
	description: [articleLocator('get')],
	prepare(context, itemIndex) {
		return { id: readArticleId(context, itemIndex) };
	},
	async execute(context, itemIndex, { id }) {
		const article = await lexofficeBody(context, { method: 'GET', path: `/v1/articles/${id}` }, { itemIndex });
		return [{ json: article }];
	},
};
