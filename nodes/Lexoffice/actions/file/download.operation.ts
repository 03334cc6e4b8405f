import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { fileNameFromDisposition } from '../../helpers/contentDisposition';
import { inputError, readOutputBinaryField, readUuid } from '../../helpers/validation';
import { getConnection, lexofficeResponse, toNodeApiError } from '../../transport';
import { outputBinaryField } from '../common.descriptions';
import type { Operation } from '../types';

const show = { resource: ['file'], operation: ['download'] };

/** lexoffice's Accept rules for bookkeeping files. */
const REPRESENTATIONS = {
	original: { accept: '*/*', extension: 'bin' },
	pdf: { accept: 'application/pdf', extension: 'pdf' },
	xml: { accept: 'application/xml', extension: 'xml' },
} as const;
type Representation = keyof typeof REPRESENTATIONS;

const description: INodeProperties[] = [
	{
		displayName: 'File ID',
		name: 'fileId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c',
		description: 'The ID of the file, as returned by an upload or listed in a voucher’s files',
		displayOptions: { show },
	},
	{
		displayName: 'Representation',
		name: 'representation',
		type: 'options',
		options: [
			{ name: 'As Stored', value: 'original', description: 'The file as it was uploaded (Accept */*)' },
			{
				name: 'PDF',
				value: 'pdf',
				description: 'A PDF; an XML e-invoice is rendered as PDF, images and PDFs come back as stored',
			},
			{ name: 'XML', value: 'xml', description: 'The XML of an e-invoice; other files have none' },
		],
		default: 'original',
		displayOptions: { show },
	},
	outputBinaryField(show),
];

interface PreparedDownload {
	id: string;
	representation: Representation;
	binaryPropertyName: string;
}

export const download: Operation<PreparedDownload> = {
	description,
	prepare(context, itemIndex) {
		const id = readUuid(context, itemIndex, 'File ID', context.getNodeParameter('fileId', itemIndex, ''));
		const representation = context.getNodeParameter('representation', itemIndex, 'original') as string;
		if (!(representation in REPRESENTATIONS)) {
			throw inputError(context, itemIndex, 'Representation', `must be original, pdf or xml, not "${String(representation)}"`);
		}
		const binaryPropertyName = readOutputBinaryField(context, itemIndex);
		return { id, representation: representation as Representation, binaryPropertyName };
	},
	async execute(context, itemIndex, { id, representation, binaryPropertyName }) {
		const { secrets } = await getConnection(context);
		const { accept, extension } = REPRESENTATIONS[representation];
		const response = await lexofficeResponse<Buffer>(
			context,
			{ method: 'GET', path: `/v1/files/${id}`, binary: true, headers: { Accept: accept } },
			{
				itemIndex,
				onError: (failure) =>
					failure.status === 404 && representation === 'xml'
						? toNodeApiError(context.getNode(), failure, {
								itemIndex,
								secrets,
								message: `lexoffice has no XML for file ${id}, or no such file [item ${itemIndex}]`,
								hint: 'Only uploaded XML e-invoices have an XML representation; download PDFs and images As Stored.',
							})
						: undefined,
			},
		);
		const buffer = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body as unknown as ArrayBuffer);
		const contentType = response.headers['content-type']?.split(';')[0].trim() || 'application/octet-stream';
		const fallbackExtension = representation === 'original' ? (contentType.split('/')[1] ?? extension) : extension;
		const fileName = fileNameFromDisposition(response.headers['content-disposition']) ?? `${id}.${fallbackExtension}`;
		const binary = await context.helpers.prepareBinaryData(buffer, fileName, contentType);
		const json: IDataObject = { id, fileName, mimeType: contentType, size: buffer.length };
		return [{ json, binary: { [binaryPropertyName]: binary } }];
	},
};
