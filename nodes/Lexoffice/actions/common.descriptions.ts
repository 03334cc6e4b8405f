import type { INodeProperties } from 'n8n-workflow';

const UUID_REGEX = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** A record picked from a searchable list, by ID, or by its lexoffice web address. */
export function recordLocator(options: {
	name: string;
	displayName: string;
	searchMethod: string;
	urlSegment: string;
	description: string;
	/** What the URL error calls the record; defaults to the segment's singular. */
	noun?: string;
	/** Path between the segment and the ID; defaults to lexoffice's permalinks (view/ or edit/). */
	urlInfix?: string;
}): INodeProperties {
	const infix = options.urlInfix ?? '(?:view|edit)/';
	const noun = options.noun ?? options.urlSegment.replace(/s$/, '');
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: options.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: options.searchMethod, searchable: true },
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: `e.g. https://app.lexware.de/permalink/${options.urlSegment}/view/3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c`,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `.*/${options.urlSegment}/${infix}${UUID_REGEX}.*`,
							errorMessage: `Not a lexoffice ${noun} URL`,
						},
					},
				],
				extractValue: {
					type: 'regex',
					regex: `/${options.urlSegment}/${infix}(${UUID_REGEX})`,
				},
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c',
				validation: [
					{
						type: 'regex',
						properties: { regex: `^\\s*${UUID_REGEX}\\s*$`, errorMessage: 'Not a lexoffice ID (UUID)' },
					},
				],
			},
		],
	};
}

export function returnAllAndLimit(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

/**
 * What happens when lexoffice's 10,000-entry search window still cuts a list short after the
 * node has split the search; `description` says how the resource splits.
 */
export function searchLimitOption(description: string): INodeProperties {
	return {
		displayName: 'When More Than 10,000 Match',
		name: 'onSearchLimit',
		type: 'options',
		default: 'warn',
		description,
		options: [
			{ name: 'Return the First 10,000 and Warn', value: 'warn', description: 'Return what lexoffice lists and show a warning in the output' },
			{ name: 'Fail', value: 'fail', description: 'Stop with an error, so an incomplete list is never used' },
		],
	};
}

/** Where a download puts the file: the binary field of the output item (read by readOutputBinaryField). */
export function outputBinaryField(show: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
		displayOptions: { show },
	};
}
