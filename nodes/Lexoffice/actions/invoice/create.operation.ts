import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { buildCreateQuery } from '../../domain/createQuery';
import { readDocumentBody } from '../../helpers/documentForm';
import { isUuid, valueOrThrow } from '../../helpers/validation';
import type { HttpFailure } from '../../transport';
import { getConnection, lexofficeRequestOrFailure, parseLexofficeError, toNodeApiError } from '../../transport';
import type { Operation } from '../types';
import { createDescription, readAddLinks, withLinks } from './invoiceFields';

interface PreparedCreate {
	body: IDataObject;
	qs: IDataObject;
	addLinks: boolean;
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
	failure: HttpFailure,
	contactId: string,
	secrets: string[],
) {
	const lookup = await lexofficeRequestOrFailure<IDataObject>(
		context,
		{ method: 'GET', path: `/v1/contacts/${contactId}` },
		[404],
		{ itemIndex },
	).catch(() => undefined);
	const recipient = `lexoffice did not accept the contact as the invoice recipient [item ${itemIndex}]`;
	let message = recipient;
	let hint =
		'A recipient contact must exist in this lexoffice organisation, have the customer role and a billing address; lexoffice’s own reason is listed below.';
	if (lookup && 'failure' in lookup) {
		message = `The contact ${contactId} does not exist in this lexoffice organisation [item ${itemIndex}]`;
		hint = 'Check the contact ID (it may belong to another organisation or have been deleted), pick another contact, or use a one-time address.';
	} else if (lookup && !(lookup.response.body?.roles as IDataObject | undefined)?.customer) {
		hint =
			'An invoice needs a contact with the customer role. Give the contact that role (Contact → Update → Add Roles: Customer), pick another contact, or use a one-time address.';
	}
	return toNodeApiError(context.getNode(), failure, { itemIndex, secrets, message, hint });
}

export const create: Operation<PreparedCreate> = {
	description: createDescription,
	prepare(context, itemIndex) {
		const body = readDocumentBody(context, itemIndex, 'invoice', { mode: 'defineInvoice', json: 'invoiceJson' });
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const query = buildCreateQuery(
			'invoice',
			{
				finalize: context.getNodeParameter('finalize', itemIndex, false),
				precedingSalesVoucherId: options.precedingSalesVoucherId,
			},
			{ finalize: 'Finalize', precedingSalesVoucherId: 'Options → Preceding Voucher ID' },
		);
		const qs = valueOrThrow(context, itemIndex, query) as IDataObject;
		const address = (body.address ?? {}) as IDataObject;
		return {
			body,
			qs,
			addLinks: readAddLinks(context, itemIndex, options),
			byContact: Boolean(address.contactId),
		};
	},
	async execute(context, itemIndex, prepared) {
		const { secrets } = await getConnection(context);
		// A POST is never repeated (the transport waits out 429s only): lexoffice may have
		// created the invoice even when the answer was lost.
		const answer = await lexofficeRequestOrFailure(
			context,
			{ method: 'POST', path: '/v1/invoices', qs: prepared.qs, body: prepared.body },
			[400, 404, 406],
			{ itemIndex },
		);
		if ('failure' in answer) {
			const { failure } = answer;
			const contactId = (prepared.body.address as IDataObject | undefined)?.contactId;
			if (prepared.byContact && typeof contactId === 'string' && isUuid(contactId) && isContactRefusal(failure)) {
				throw await contactProblem(context, itemIndex, failure, contactId, secrets);
			}
			throw toNodeApiError(context.getNode(), failure, {
				itemIndex,
				secrets,
				hint:
					prepared.qs.precedingSalesVoucherId && failure.status === 406
						? 'lexoffice refuses some voucher chains, e.g. a quotation with optional or alternative items or a draft order confirmation. Check the Preceding Voucher ID and the fields listed below.'
						: undefined,
			});
		}
		const created = answer.response.body;
		const json = prepared.addLinks && created?.id ? await withLinks(context, created, String(created.id)) : created;
		return [{ json }];
	},
};
