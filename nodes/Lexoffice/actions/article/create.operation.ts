import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { buildNewArticle, missingForCreate, readArticleInput } from '../../helpers/articleBody';
import { getConnection, lexofficeBody, toNodeApiError } from '../../transport';
import { problemsError } from '../../helpers/validation';
import type { Operation } from '../types';
import { articleLabels, leadingPriceOptions, optionalArticleFields, taxRateOptions, typeOptions } from './articleFields';

const show = { resource: ['article'], operation: ['create'] };

const description: INodeProperties[] = [
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Consulting hour',
		displayOptions: { show },
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: typeOptions,
		default: 'PRODUCT',
		displayOptions: { show },
	},
	{
		displayName: 'Unit Name',
		name: 'unitName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Stück',
		displayOptions: { show },
	},
	{
		displayName: 'Leading Price',
		name: 'leadingPrice',
		type: 'options',
		options: leadingPriceOptions,
		default: 'NET',
		description: 'Whether the price below is net or gross; lexoffice computes the other one',
		displayOptions: { show },
	},
	{
		displayName: 'Price',
		name: 'price',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 4 },
		description: 'In EUR, at most 4 decimals',
		displayOptions: { show },
	},
	{
		displayName: 'Tax Rate',
		name: 'taxRate',
		type: 'options',
		options: taxRateOptions,
		default: 19,
		displayOptions: { show },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: optionalArticleFields,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Return Stored Record',
				name: 'returnStoredRecord',
				type: 'boolean',
				default: true,
				description:
					'Whether to read the article back after creating it and return it as lexoffice stored it (with both prices). This costs one more request per item, which halves throughput under lexoffice’s limit of 2 requests per second; off returns only ID and version.',
			},
		],
	},
];

interface PreparedCreate {
	body: IDataObject;
	returnStoredRecord: boolean;
}

export const create: Operation<PreparedCreate> = {
	description,
	prepare(context, itemIndex) {
		const fields = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const labels = articleLabels('');
		const additional = articleLabels('Additional Fields → ');
		const { input, problems } = readArticleInput(
			{
				title: context.getNodeParameter('title', itemIndex, ''),
				type: context.getNodeParameter('type', itemIndex, ''),
				unitName: context.getNodeParameter('unitName', itemIndex, ''),
				leadingPrice: context.getNodeParameter('leadingPrice', itemIndex, ''),
				price: context.getNodeParameter('price', itemIndex, ''),
				taxRate: context.getNodeParameter('taxRate', itemIndex, ''),
				articleNumber: fields.articleNumber,
				gtin: fields.gtin,
				description: fields.description,
				note: fields.note,
			},
			{ ...labels, articleNumber: additional.articleNumber, gtin: additional.gtin, description: additional.description, note: additional.note },
		);
		const all = [...problems, ...missingForCreate(input, labels)];
		if (all.length) throw problemsError(context, itemIndex, all);
		return { body: buildNewArticle(input) as IDataObject, returnStoredRecord: options.returnStoredRecord !== false };
	},
	async execute(context, itemIndex, { body, returnStoredRecord }) {
		const created = await lexofficeBody(context, { method: 'POST', path: '/v1/articles', body }, { itemIndex });
		if (!returnStoredRecord) return [{ json: created }];
		const id = String(created.id);
		const { secrets } = await getConnection(context);
		const stored = await lexofficeBody(
			context,
			{ method: 'GET', path: `/v1/articles/${id}` },
			{
				itemIndex,
				onError: (failure) =>
					toNodeApiError(context.getNode(), failure, {
						itemIndex,
						secrets,
						message: `The article was created (ID ${id}), but reading it back failed [item ${itemIndex}]`,
						hint: 'Do not run the item again, or the article is created twice. Get it by its ID instead.',
					}),
			},
		);
		return [{ json: stored }];
	},
};
