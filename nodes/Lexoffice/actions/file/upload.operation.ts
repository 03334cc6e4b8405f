import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readUploadFile } from '../../helpers/upload';
import { sendUpload } from '../../helpers/uploadRequest';
import { readText } from '../../helpers/validation';
import type { Operation } from '../types';

const show = { resource: ['file'], operation: ['upload'] };

/** The input binary picker shared by File → Upload and Voucher → Attach File. */
export const inputBinaryField = (displayOptions: { show: Record<string, string[]> }): INodeProperties => ({
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	placeholder: 'e.g. data',
	hint: 'The name of the input binary field containing the file to upload: a PDF, JPEG, PNG or XML e-invoice of at most 5 MiB',
	displayOptions,
});

const description: INodeProperties[] = [
	{
		displayName:
			'Every upload becomes a new voucher in lexoffice’s “Zu prüfen” list, which cannot be deleted through the API. To add a file to an existing voucher, use Voucher → Attach File.',
		name: 'uploadNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	inputBinaryField({ show }),
];

export function readBinaryPropertyName(context: IExecuteFunctions, itemIndex: number): string {
	return readText(context, itemIndex, 'Input Binary Field', context.getNodeParameter('binaryPropertyName', itemIndex, 'data'), {
		required: true,
		maxLength: 255,
	}) as string;
}

interface PreparedUpload {
	binaryPropertyName: string;
}

export const upload: Operation<PreparedUpload> = {
	description,
	async prepare(context, itemIndex) {
		const binaryPropertyName = readBinaryPropertyName(context, itemIndex);
		// Checked here so a bad file stops the run before any upload; the bytes are read again
		// when sending, so a run of many files never holds them all in memory.
		await readUploadFile(context, itemIndex, binaryPropertyName);
		return { binaryPropertyName };
	},
	async execute(context, itemIndex, { binaryPropertyName }) {
		const file = await readUploadFile(context, itemIndex, binaryPropertyName);
		const answer = await sendUpload(context, itemIndex, '/v1/files', file, { type: 'voucher' });
		return [
			{
				json: {
					...answer,
					fileName: file.fileName,
					mimeType: file.contentType,
					size: file.data.length,
				},
			},
		];
	},
};
