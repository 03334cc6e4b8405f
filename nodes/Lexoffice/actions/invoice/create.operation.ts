import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { buildCreateQuery } from '../../domain/createQuery';
import { readDocumentBody } from '../../helpers/documentForm';
import { valueOrThrow } from '../../helpers/validation';
import type { HttpFailure } from '../../transport';
import { getConnection, lexofficeApiRequest, parseLexofficeError, toNodeApiError } from '../../transport';
import type { Operation } from '../types';
import { createDescription, readAddLinks, withLinks } from './invoiceFields';

interface PreparedCreate {
	body: IDataObject;
	qs: IDataObject;
	addLinks: boolean;
	/** Whether the recipient is an existing contact, to explain lexoffice's contact errors. */
	byContact: boolean;
}

/** Turns lexoffice's answer about an unusable contact into advice the user can act on. */
function contactProblem(context: IExecuteFunctions, itemIndex: number, failure: HttpFailure, secrets: string[]) {
	if (failure.status !== 400 && failure.status !== 406 && failure.status !== 404) return undefined;
	const parsed = parseLexofficeError(failure.body);
	const text = [parsed.message ?? '', ...parsed.details].join(' ');
	if (!/contact|customer|kunde/i.test(text)) return undefined;
	return toNodeApiError(context.getNode(), failure, {
		itemIndex,
		secrets,
		message: `lexoffice did not accept the contact as the invoice recipient [item ${itemIndex}]`,
		hint: 'An invoice needs a contact with the customer role. Give the contact that role (Contact → Update → Add Roles: Customer), pick another contact, or use a one-time address.',
	});
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
		const created = await lexofficeApiRequest(
			context,
			{ method: 'POST', path: '/v1/invoices', qs: prepared.qs, body: prepared.body },
			{
				itemIndex,
				onError: (failure) => {
					if (prepared.byContact) {
						const mapped = contactProblem(context, itemIndex, failure, secrets);
						if (mapped) return mapped;
					}
					if (prepared.qs.precedingSalesVoucherId && failure.status === 406) {
						return toNodeApiError(context.getNode(), failure, {
							itemIndex,
							secrets,
							hint: 'lexoffice refuses some voucher chains, e.g. a quotation with optional or alternative items or a draft order confirmation. Check the Preceding Voucher ID and the fields listed below.',
						});
					}
					return undefined;
				},
			},
		);
		const json = prepared.addLinks && created?.id ? await withLinks(context, created, String(created.id)) : created;
		return [{ json }];
	},
};
