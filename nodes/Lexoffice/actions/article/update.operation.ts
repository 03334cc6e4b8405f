import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { applyArticleChanges, hasChanges, readArticleInput } from '../../helpers/articleBody';
import { inputError, problemsError } from '../../helpers/validation';
import { lexofficeBody } from '../../transport';
import { putWithVersion } from '../../helpers/versionedUpdate';
import type { Operation } from '../types';
import { articleLabels, leadingPriceOptions, optionalArticleFields, taxRateOptions, typeOptions } from './articleFields';
import { articleLocator, readArticleId } from './get.operation';

const show = { resource: ['article'], operation: ['update'] };

const description: INodeProperties[] = [
	articleLocator('update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'Only these fields change; everything else stays as it is in lexoffice. A new tax rate or leading price keeps the leading amount unless Price is set too.',
		displayOptions: { show },
		options: [
			...optionalArticleFields,
			// No default here may change data: an added but untouched field means "unchanged".
			{
				displayName: 'Leading Price',
				name: 'leadingPrice',
				type: 'options',
				options: [{ name: 'Unchanged', value: '' }, ...leadingPriceOptions],
				default: '',
			},
			{
				displayName: 'Price',
				name: 'price',
				type: 'string',
				default: '',
				placeholder: 'e.g. 11.90',
				description: 'The leading price in EUR (net or gross, as the article’s leading price says), at most 4 decimals, with a dot',
			},
			{
				displayName: 'Tax Rate',
				name: 'taxRate',
				type: 'options',
				options: [{ name: 'Unchanged', value: '' }, ...taxRateOptions],
				default: '',
			},
			{ displayName: 'Title', name: 'title', type: 'string', default: '' },
			{ displayName: 'Type', name: 'type', type: 'options', options: [{ name: 'Unchanged', value: '' }, ...typeOptions], default: '' },
			{ displayName: 'Unit Name', name: 'unitName', type: 'string', default: '' },
		].sort((a, b) => a.displayName.localeCompare(b.displayName)) as INodeProperties[],
	},
];

interface PreparedUpdate {
	id: string;
	input: ReturnType<typeof readArticleInput>['input'];
}

export const update: Operation<PreparedUpdate> = {
	description,
	prepare(context, itemIndex) {
		const id = readArticleId(context, itemIndex);
		const fields = context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const { input, problems } = readArticleInput(fields, articleLabels('Update Fields → '));
		if (problems.length) throw problemsError(context, itemIndex, problems);
		if (!hasChanges(input)) {
			throw inputError(context, itemIndex, 'Update Fields', 'is empty; add at least one field to change');
		}
		return { id, input };
	},
	async execute(context, itemIndex, { id, input }) {
		// lexoffice replaces the whole article on PUT and checks its version, so the update
		// starts from the stored record and sends back the version it was read at.
		const stored = await lexofficeBody(context, { method: 'GET', path: `/v1/articles/${id}` }, { itemIndex });
		const body = applyArticleChanges(stored, input) as IDataObject;
		const result = await putWithVersion(context, itemIndex, 'article', `/v1/articles/${id}`, body);
		return [{ json: { ...body, ...result } }];
	},
};
