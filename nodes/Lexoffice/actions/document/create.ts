import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { DOCUMENT_RULES } from '../../domain/documentTypes';
import { readDocumentBody } from '../../helpers/documentForm';
import { inputError, readBoolean, readUuid } from '../../helpers/validation';
import type { HttpFailure } from '../../transport';
import { getConnection, lexofficeApiRequest, parseLexofficeError, toNodeApiError } from '../../transport';
import type { Operation } from '../types';
import { createFields } from './create.description';
import type { DocumentKind } from './kinds';
import { predecessorNouns } from './kinds';
import { readAddLinks, readBack, readReturnStoredRecord, withLinks } from './stored';

interface PreparedCreate {
	body: IDataObject;
	qs: IDataObject;
	addLinks: boolean;
	readBack: boolean;
	/** Whether the recipient is an existing contact, to explain lexoffice's contact errors. */
	byContact: boolean;
}

/** Turns lexoffice's answer about an unusable contact into advice the user can act on. */
function contactProblem(
	context: IExecuteFunctions,
	itemIndex: number,
	kind: DocumentKind,
	failure: HttpFailure,
	secrets: string[],
) {
	if (failure.status !== 400 && failure.status !== 406 && failure.status !== 404) return undefined;
	const parsed = parseLexofficeError(failure.body);
	const text = [parsed.message ?? '', ...parsed.details].join(' ');
	if (!/contact|customer|kunde/i.test(text)) return undefined;
	return toNodeApiError(context.getNode(), failure, {
		itemIndex,
		secrets,
		message: `lexoffice did not accept the contact as the ${kind.noun} recipient [item ${itemIndex}]`,
		hint: `${/^[aeiou]/.test(kind.noun) ? 'An' : 'A'} ${kind.noun} needs a contact with the customer role. Give the contact that role (Contact → Update → Add Roles: Customer), pick another contact, or use a one-time address.`,
	});
}

/** Why lexoffice refuses a pursue (406), in words the user can act on. */
export function pursueHint(kind: DocumentKind): string {
	const from = predecessorNouns(kind).join(' or ');
	const extra =
		kind.key === 'dunning'
			? ' A dunning must also use the contact (or one-time address) and the tax type of its invoice.'
			: kind.key === 'creditNote'
				? ' An invoice takes only one credit note.'
				: '';
	const an = /^[aeiou]/.test(kind.noun) ? 'an' : 'a';
	return `lexoffice refuses some voucher chains: it continues ${an} ${kind.noun} only from a finalized ${from}: not from a draft, not from a quotation with optional or alternative items, not from a closing invoice, and not from any other voucher type.${extra} Check the Preceding Voucher and the details below.`;
}

function readPreceding(context: IExecuteFunctions, itemIndex: number, kind: DocumentKind, options: IDataObject) {
	const rules = DOCUMENT_RULES[kind.type!];
	const chosen =
		rules.pursuedFrom.length === 0
			? false
			: rules.precedingVoucher === 'required' || context.getNodeParameter('createFrom', itemIndex, 'none') === 'voucher';
	const picked = chosen
		? readUuid(
				context,
				itemIndex,
				'Preceding Voucher',
				context.getNodeParameter('precedingVoucher', itemIndex, '', { extractValue: true }),
			)
		: undefined;
	const legacy = options.precedingSalesVoucherId;
	const byId =
		legacy !== undefined && legacy !== null && String(legacy).trim() !== ''
			? readUuid(context, itemIndex, 'Options → Preceding Voucher ID', legacy)
			: undefined;
	if (picked && byId && picked !== byId) {
		throw inputError(
			context,
			itemIndex,
			'Options → Preceding Voucher ID',
			'names another voucher than Create From',
			'Use one of the two.',
		);
	}
	return picked ?? byId;
}

/** Create for a document type: the form or JSON body, finalize, pursue, and the stored record. */
export function createOperation(kind: DocumentKind): Operation<PreparedCreate> {
	const type = kind.type!;
	const rules = DOCUMENT_RULES[type];
	return {
		description: createFields(kind),
		prepare(context, itemIndex) {
			const body = readDocumentBody(context, itemIndex, type, { mode: kind.modeParam, json: kind.jsonParam });
			const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const qs: IDataObject = {};
			if (
				rules.finalize !== 'never' &&
				readBoolean(context, itemIndex, 'Finalize', context.getNodeParameter('finalize', itemIndex, false))
			) {
				qs.finalize = true;
			}
			const preceding = readPreceding(context, itemIndex, kind, options);
			if (preceding) qs.precedingSalesVoucherId = preceding;
			const address = (body.address ?? {}) as IDataObject;
			return {
				body,
				qs,
				addLinks: readAddLinks(context, itemIndex, options),
				readBack: readReturnStoredRecord(context, itemIndex, options),
				byContact: Boolean(address.contactId),
			};
		},
		async execute(context, itemIndex, prepared) {
			const { secrets } = await getConnection(context);
			// A POST is never repeated (the transport waits out 429s only): lexoffice may have
			// created the document even when the answer was lost.
			const created = await lexofficeApiRequest(
				context,
				{ method: 'POST', path: kind.path, qs: prepared.qs, body: prepared.body },
				{
					itemIndex,
					onError: (failure) => {
						if (prepared.qs.precedingSalesVoucherId && failure.status === 406) {
							return toNodeApiError(context.getNode(), failure, { itemIndex, secrets, hint: pursueHint(kind) });
						}
						return prepared.byContact ? contactProblem(context, itemIndex, kind, failure, secrets) : undefined;
					},
				},
			);
			const stored = prepared.readBack ? await readBack(context, itemIndex, kind.path, created) : created;
			const json =
				prepared.addLinks && created?.id ? await withLinks(context, stored, String(created.id), kind.permalink) : stored;
			return [{ json }];
		},
	};
}
