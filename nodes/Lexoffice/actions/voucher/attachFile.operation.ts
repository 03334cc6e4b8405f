import type { INodeProperties } from 'n8n-workflow';

import { readUploadFile } from '../../helpers/upload';
import { sendUpload } from '../../helpers/uploadRequest';
import { inputBinaryField, readBinaryPropertyName } from '../file/upload.operation';
import type { Operation } from '../types';
import { readVoucherId, voucherLocator } from './voucherFields';

const show = { resource: ['voucher'], operation: ['attachFile'] };

const description: INodeProperties[] = [voucherLocator('attachFile'), inputBinaryField({ show })];

interface PreparedAttach {
	id: string;
	binaryPropertyName: string;
}

export const attachFile: Operation<PreparedAttach> = {
	description,
	async prepare(context, itemIndex) {
		const id = readVoucherId(context, itemIndex);
		const binaryPropertyName = readBinaryPropertyName(context, itemIndex);
		await readUploadFile(context, itemIndex, binaryPropertyName);
		return { id, binaryPropertyName };
	},
	async execute(context, itemIndex, { id, binaryPropertyName }) {
		const file = await readUploadFile(context, itemIndex, binaryPropertyName);
		// Part `file` only: this route takes no `type`.
		const answer = await sendUpload(context, itemIndex, `/v1/vouchers/${id}/files`, file);
		return [{ json: { ...answer, voucherId: id, fileName: file.fileName, mimeType: file.contentType, size: file.data.length } }];
	},
};
