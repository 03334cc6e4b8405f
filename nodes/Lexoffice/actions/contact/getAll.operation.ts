import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError, readBoolean, readListLimit, readText } from '../../helpers/validation';
import type { PagedResult } from '../../transport';
import { lexofficePages, SEARCH_WINDOW, uniqueById } from '../../transport';
import { returnAllAndLimit, searchLimitOption } from '../common.descriptions';
import { reportSearchLimit } from '../../helpers/searchLimit';
import type { Operation } from '../types';

const show = { resource: ['contact'], operation: ['getAll'] };

const description: INodeProperties[] = [
	...returnAllAndLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				default: '',
				placeholder: 'e.g. @example.com',
				description: 'Part of an email address, at least 3 characters; also matches contact persons. Use _ and % as wildcards.',
			},
			{
				displayName: 'Is Customer',
				name: 'customer',
				type: 'boolean',
				default: true,
				description: 'Whether to return only contacts with the customer role (on) or only those without it (off)',
			},
			{
				displayName: 'Is Vendor',
				name: 'vendor',
				type: 'boolean',
				default: true,
				description: 'Whether to return only contacts with the vendor role (on) or only those without it (off)',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Muster',
				description: 'Part of the name, at least 3 characters. Use _ and % as wildcards.',
			},
			{
				displayName: 'Number',
				name: 'number',
				type: 'string',
				default: '',
				placeholder: 'e.g. 10001',
				description: 'Customer or vendor number',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			searchLimitOption(
				'At most 10,000 contacts are listed per lexoffice search. For Return All or a Limit above 10,000 the node splits the search by role (not possible with an Is Customer or Is Vendor filter); this says what happens if the list would still be cut short.',
			),
		],
	},
];

/** lexoffice wants &, < and > in search terms as HTML entities (the client then URL-encodes). */
export function encodeSearchTerm(term: string): string {
	return term.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

interface PreparedGetAll {
	qs: IDataObject;
	limit?: number;
	onSearchLimit: 'warn' | 'fail';
	filtersByRole: boolean;
}

function readSearchTerm(context: IExecuteFunctions, itemIndex: number, label: string, value: unknown) {
	const text = readText(context, itemIndex, label, value, { maxLength: 255 });
	if (text !== undefined && text.length < 3) {
		throw inputError(context, itemIndex, label, 'needs at least 3 characters; lexoffice rejects shorter search terms');
	}
	return text === undefined ? undefined : encodeSearchTerm(text);
}

async function listContacts(
	context: IExecuteFunctions,
	itemIndex: number,
	prepared: PreparedGetAll,
): Promise<{ items: IDataObject[]; incomplete: boolean }> {
	const path = '/v1/contacts';
	const { limit } = prepared;
	// A Limit above the window needs the split just like Return All: one search never lists more.
	const canSplit = (limit === undefined || limit > SEARCH_WINDOW) && !prepared.filtersByRole;
	// Short of what was asked for while lexoffice stopped at its window: the list is cut.
	const isCut = (result: { items: IDataObject[] }, reachedWindow: boolean) =>
		reachedWindow && (limit === undefined || result.items.length < limit);
	const first = await lexofficePages(context, path, prepared.qs, {
		limit,
		itemIndex,
		stopAtWindow: canSplit,
	});
	if (!first.reachedSearchWindow || !canSplit) {
		return { items: first.items, incomplete: isCut(first, first.reachedSearchWindow) };
	}
	// Too many for one search: every contact has a role, so "customer" and "vendor but not
	// customer" together cover the same contacts without overlap.
	const parts: PagedResult[] = [];
	for (const roles of [{ customer: true }, { customer: false, vendor: true }]) {
		parts.push(await lexofficePages(context, path, { ...prepared.qs, ...roles }, { itemIndex }));
	}
	// A contact whose roles change between the two searches can appear in both.
	const all = uniqueById(parts.map((part) => part.items));
	const items = limit === undefined ? all : all.slice(0, limit);
	return { items, incomplete: isCut({ items }, parts.some((part) => part.reachedSearchWindow)) };
}

export const getAll: Operation<PreparedGetAll> = {
	description,
	prepare(context, itemIndex) {
		const limit = readListLimit(context, itemIndex);
		const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const qs: IDataObject = {};
		const name = readSearchTerm(context, itemIndex, 'Filters → Name', filters.name);
		if (name) qs.name = name;
		const email = readSearchTerm(context, itemIndex, 'Filters → Email', filters.email);
		if (email) qs.email = email;
		const number = readText(context, itemIndex, 'Filters → Number', filters.number, { maxLength: 50 });
		if (number) qs.number = number;
		const customer = readBoolean(context, itemIndex, 'Filters → Is Customer', filters.customer);
		if (customer !== undefined) qs.customer = customer;
		const vendor = readBoolean(context, itemIndex, 'Filters → Is Vendor', filters.vendor);
		if (vendor !== undefined) qs.vendor = vendor;
		return {
			qs,
			limit,
			onSearchLimit: options.onSearchLimit === 'fail' ? 'fail' : 'warn',
			filtersByRole: customer !== undefined || vendor !== undefined,
		};
	},
	async execute(context, itemIndex, prepared) {
		const { items, incomplete } = await listContacts(context, itemIndex, prepared);
		if (incomplete) reportSearchLimit(context, itemIndex, prepared.onSearchLimit, 'contacts', 'Narrow the search with filters such as Name, Email, Is Customer or Is Vendor.');
		return items.map((json) => ({ json }));
	},
};
