import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import { download } from './download.operation';
import { upload } from './upload.operation';

export const fileOperations: Record<string, Operation<never>> = {
	download,
	upload,
} as unknown as Record<string, Operation<never>>;

export const fileDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['file'] } },
		options: [
			{
				name: 'Download',
				value: 'download',
				action: 'Download a file',
				description: 'Download a lexoffice file by ID as binary',
			},
			{
				name: 'Upload',
				value: 'upload',
				action: 'Upload a file',
				description: 'Upload a receipt (PDF, image or XML e-invoice); lexoffice makes a new voucher of it',
			},
		],
		default: 'upload',
	},
	...upload.description,
	...download.description,
];
