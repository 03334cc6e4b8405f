import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DOCUMENT_RULES } from '../../domain/documentTypes';
import { readUuid } from '../../helpers/validation';
import { recordLocator } from '../common.descriptions';
import type { DocumentKind, KindKey } from './kinds';
import { DOCUMENT_KINDS, predecessorNouns } from './kinds';

/** The document of a Get or Download: from the list, by permalink URL, or by ID. */
export function documentLocator(kind: DocumentKind, operation: string): INodeProperties {
	const locator = recordLocator({
		name: kind.idParam,
		displayName: kind.title,
		searchMethod: kind.searchMethod ?? '',
		urlSegment: kind.permalink,
		noun: kind.noun,
		description: kind.searchMethod
			? `The ${kind.noun}, picked from the list, by lexoffice URL or by ID`
			: `The ${kind.noun}, by lexoffice URL or by ID (lexoffice does not list ${kind.noun}s; the invoice's relatedVouchers name them)`,
	});
	if (!kind.searchMethod) locator.modes = locator.modes?.filter((mode) => mode.name !== 'list');
	if (!kind.searchMethod) locator.default = { mode: 'id', value: '' };
	return { ...locator, displayOptions: { show: { resource: [kind.resource], operation: [operation] } } };
}

export function readDocumentId(context: IExecuteFunctions, itemIndex: number, kind: DocumentKind): string {
	const value = context.getNodeParameter(kind.idParam, itemIndex, '', { extractValue: true });
	return readUuid(context, itemIndex, kind.title, value);
}

/** The voucher a new document continues (pursue), limited to the types lexoffice allows. */
export function predecessorLocator(kind: DocumentKind, show: Record<string, string[]>): INodeProperties {
	const nouns = predecessorNouns(kind);
	const pursuedFrom = kind.type ? DOCUMENT_RULES[kind.type].pursuedFrom : [];
	const segments = [...new Set(pursuedFrom.map((key) => DOCUMENT_KINDS[key as KindKey].permalink))];
	const locator = recordLocator({
		name: 'precedingVoucher',
		displayName: 'Preceding Voucher',
		searchMethod: kind.predecessorSearch ?? '',
		urlSegment: segments.length === 1 ? segments[0] : `(?:${segments.join('|')})`,
		noun: nouns.join(' or '),
		description: `The ${nouns.join(' or ')} this ${kind.noun} continues; it must be finalized (lexoffice refuses drafts)`,
	});
	return { ...locator, displayOptions: { show } };
}
