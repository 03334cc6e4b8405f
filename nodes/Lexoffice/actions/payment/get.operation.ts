import type { INodeProperties } from 'n8n-workflow';

import { explainNoPaymentInformation, normalizePayment } from '../../helpers/payment';
import { readUuid } from '../../helpers/validation';
import { getConnection, lexofficeBody, parseLexofficeError, toNodeApiError } from '../../transport';
import type { Operation } from '../types';

const UUID_REGEX = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

const description: INodeProperties[] = [
	{
		displayName: 'Document',
		name: 'voucherId',
		type: 'resourceLocator',
		default: { mode: 'id', value: '' },
		required: true,
		description: 'The invoice, credit note, down-payment invoice or bookkeeping voucher, by ID or by its lexoffice URL',
		displayOptions: { show: { resource: ['payment'], operation: ['get'] } },
		modes: [
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c',
				validation: [{ type: 'regex', properties: { regex: `^\\s*${UUID_REGEX}\\s*$`, errorMessage: 'Not a lexoffice ID (UUID)' } }],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://app.lexware.de/permalink/invoices/view/3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c',
				validation: [
					{ type: 'regex', properties: { regex: `.*/(?:view|edit)/${UUID_REGEX}.*`, errorMessage: 'Not a lexoffice document URL' } },
				],
				extractValue: { type: 'regex', regex: `/(?:view|edit)/(${UUID_REGEX})` },
			},
		],
	},
];

export const get: Operation<{ id: string }> = {
	description,
	prepare(context, itemIndex) {
		const value = context.getNodeParameter('voucherId', itemIndex, '', { extractValue: true });
		return { id: readUuid(context, itemIndex, 'Document', value) };
	},
	async execute(context, itemIndex, { id }) {
		const { secrets } = await getConnection(context);
		const payment = await lexofficeBody(
			context,
			{ method: 'GET', path: `/v1/payments/${id}` },
			{
				itemIndex,
				onError: (failure) => {
					if (failure.status !== 406) return undefined;
					const { message, hint } = explainNoPaymentInformation(parseLexofficeError(failure.body).message ?? '');
					return toNodeApiError(context.getNode(), failure, { itemIndex, secrets, message: `${message} [item ${itemIndex}]`, hint });
				},
			},
		);
		return [{ json: { voucherId: id, ...normalizePayment(payment) } }];
	},
};
