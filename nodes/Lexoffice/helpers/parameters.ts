import type { IDataObject } from 'n8n-workflow';

/**
 * A fixedCollection's entries, however n8n or an expression handed them over: `{ key: [...] }`,
 * `{ key: {...} }` for a single entry, or (from an expression or an AI agent) the plain list.
 */
export function fixedCollectionEntries(value: unknown, key: string): IDataObject[] {
	if (Array.isArray(value)) return value as IDataObject[];
	if (!value || typeof value !== 'object') return [];
	const inner = (value as IDataObject)[key];
	if (Array.isArray(inner)) return inner as IDataObject[];
	return inner && typeof inner === 'object' ? [inner as IDataObject] : [];
}
