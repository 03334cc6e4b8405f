import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { DOCUMENT_RULES } from '../../domain/documentTypes';
import { readDocumentBody } from '../../helpers/documentForm';
import { inputError, isUuid, readBoolean, readUuid } from '../../helpers/validation';
import type { HttpFailure } from '../../transport';
import { getConnection, lexofficeResponseOrFailure, parseLexofficeError, toNodeApiError } from '../../transport';
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

/** Whether lexoffice's refusal names the recipient contact (details or IssueList on address.contactId). */
function isContactRefusal(failure: HttpFailure): boolean {
	if (failure.status !== 400 && failure.status !== 404 && failure.status !== 406) return false;
	return parseLexofficeError(failure.body).details.some((detail) => detail.startsWith('address.contactId:'));
}

/**
 * Turns lexoffice's refusal of the recipient contact into advice the user can act on. What
 * is wrong is read from the contact itself, not guessed from lexoffice's wording.
 */
async function contactProblem(
	context: IExecuteFunctions,
	itemIndex: number,
	kind: DocumentKind,
	failure: HttpFailure,
	contactId: string,
	secrets: string[],
) {
	const lookup = await lexofficeResponseOrFailure<IDataObject>(
		context,
		{ method: 'GET', path: `/v1/contacts/${contactId}` },
		[404],
		{ itemIndex },
	).catch(() => undefined);
	let message = `lexoffice did not accept the contact as the ${kind.noun} recipient [item ${itemIndex}]`;
	let hint =
		'A recipient contact must exist in this lexoffice organisation, have the customer role and a billing address; lexoffice’s own reason is listed below.';
	if (lookup && 'failure' in lookup) {
		message = `The contact ${contactId} does not exist in this lexoffice organisation [item ${itemIndex}]`;
		hint = 'Check the contact ID (it may belong to another organisation or have been deleted), pick another contact, or use a one-time address.';
	} else if (lookup && !(lookup.response.body?.roles as IDataObject | undefined)?.customer) {
		hint = `${/^[aeiou]/.test(kind.noun) ? 'An' : 'A'} ${kind.noun} needs a contact with the customer role. Give the contact that role (Contact → Update → Add Roles: Customer), pick another contact, or use a one-time address.`;
	}
	return toNodeApiError(context.getNode(), failure, { itemIndex, secrets, message, hint });
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
			const answer = await lexofficeResponseOrFailure(
				context,
				{ method: 'POST', path: kind.path, qs: prepared.qs, body: prepared.body },
				[400, 404, 406],
				{ itemIndex },
			);
			if ('failure' in answer) {
				const { failure } = answer;
				const contactId = (prepared.body.address as IDataObject | undefined)?.contactId;
				if (prepared.byContact && typeof contactId === 'string' && isUuid(contactId) && isContactRefusal(failure)) {
					throw await contactProblem(context, itemIndex, kind, failure, contactId, secrets);
				}
				throw toNodeApiError(context.getNode(), failure, {
					itemIndex,
					secrets,
					hint: prepared.qs.precedingSalesVoucherId && failure.status === 406 ? pursueHint(kind) : undefined,
				});
			}
			const created = answer.response.body as IDataObject;
			const stored = prepared.readBack ? await readBack(context, itemIndex, kind.path, created) : created;
			const json =
				prepared.addLinks && created?.id ? await withLinks(context, stored, String(created.id), kind.permalink) : stored;
			return [{ json }];
		},
	};
}
