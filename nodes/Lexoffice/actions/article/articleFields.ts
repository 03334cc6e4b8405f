import type { INodeProperties } from 'n8n-workflow';

import type { ArticleLabels } from '../../helpers/articleBody';

export const typeOptions = [
	{ name: 'Product', value: 'PRODUCT' },
	{ name: 'Service', value: 'SERVICE' },
];

export const leadingPriceOptions = [
	{ name: 'Net', value: 'NET', description: 'The price is net; lexoffice adds the tax for the gross price' },
	{ name: 'Gross', value: 'GROSS', description: 'The price includes tax; lexoffice derives the net price' },
];

export const taxRateOptions = [
	{ name: '19 %', value: 19 },
	{ name: '7 %', value: 7 },
	{ name: '0 %', value: 0 },
];

/** Optional article fields (create: Additional Fields; update: part of Update Fields). */
export const optionalArticleFields: INodeProperties[] = [
	{
		displayName: 'Article Number',
		name: 'articleNumber',
		type: 'string',
		default: '',
		placeholder: 'e.g. ART-1001',
		description: 'Your own number; lexoffice refuses a number another article already has',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
	},
	{
		displayName: 'GTIN',
		name: 'gtin',
		type: 'string',
		default: '',
		placeholder: 'e.g. 4006381333931',
		description: 'Global Trade Item Number (EAN): 8, 12, 13 or 14 digits; the check digit is verified before sending',
	},
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'Internal note, not printed',
	},
];

export function articleLabels(prefix: string): ArticleLabels {
	return {
		title: `${prefix}Title`,
		type: `${prefix}Type`,
		unitName: `${prefix}Unit Name`,
		leadingPrice: `${prefix}Leading Price`,
		price: `${prefix}Price`,
		taxRate: `${prefix}Tax Rate`,
		articleNumber: `${prefix}Article Number`,
		gtin: `${prefix}GTIN`,
		description: `${prefix}Description`,
		note: `${prefix}Note`,
	};
}
