import type { INodeProperties } from 'n8n-workflow';

import { lexofficeBody } from '../../transport';
import type { Operation } from '../types';
import { readVoucherId, voucherLocator } from './voucherFields';

const description: INodeProperties[] = [voucherLocator('get')];

interface PreparedGet {
	id: string;
}

export const get: Operation<PreparedGet> = {
	description,
	prepare(context, itemIndex) {
		return { id: readVoucherId(context, itemIndex) };
	},
	async execute(context, itemIndex, { id }) {
		const voucher = await lexofficeBody(context, { method: 'GET', path: `/v1/vouchers/${id}` }, { itemIndex });
		return [{ json: voucher }];
	},
};
