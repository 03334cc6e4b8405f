import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fileNameFromDisposition } from '../../helpers/contentDisposition';
import { inputError, isUuid, readOutputBinaryField } from '../../helpers/validation';
import type { HttpFailure, LexofficeResponse } from '../../transport';
import {
	getConnection,
	lexofficeBody,
	lexofficeResponse,
	lexofficeResponseOrFailure,
	toNodeApiError,
} from '../../transport';
import { outputBinaryField } from '../common.descriptions';
import type { Operation } from '../types';
import type { DocumentKind } from './kinds';
import { documentLocator, readDocumentId } from './locator';

function downloadFields(kind: DocumentKind): INodeProperties[] {
	const show = { resource: [kind.resource], operation: ['download'] };
	const fields: INodeProperties[] = [
	documentLocator(kind, 'download'),
	{
		displayName: 'File Format',
		name: 'fileFormat',
		type: 'options',
		options: [
			{ name: 'PDF', value: 'pdf', description: `The ${kind.noun} document` },
			{ name: 'XRechnung XML', value: 'xml', description: 'The e-invoice XML; only for XRechnung invoices' },
		],
		default: 'pdf',
		displayOptions: { show },
	},
	outputBinaryField(show),
];
	// Only invoices have an XRechnung XML; every other type is PDF only.
	return kind.xml ? fields : fields.filter((field) => field.name !== 'fileFormat');
}

type FileFormat = 'pdf' | 'xml';

interface PreparedDownload {
	id: string;
	format: FileFormat;
	binaryPropertyName: string;
}

const MIME_TYPES: Record<FileFormat, string> = { pdf: 'application/pdf', xml: 'application/xml' };

function draftError(
	context: IExecuteFunctions,
	itemIndex: number,
	kind: DocumentKind,
	failure: HttpFailure,
	secrets: string[],
) {
	return toNodeApiError(context.getNode(), failure, {
		itemIndex,
		secrets,
		message: `Finalize the ${kind.noun} first; lexoffice has no document for a draft [item ${itemIndex}]`,
		hint: `Finalize it in lexoffice, or create ${kind.noun}s with Finalize switched on.`,
	});
}

async function downloadViaDocument(
	context: IExecuteFunctions,
	itemIndex: number,
	kind: DocumentKind,
	id: string,
	secrets: string[],
): Promise<LexofficeResponse<Buffer>> {
	// The older route: render the document, then fetch it from the files endpoint.
	const document = await lexofficeBody<{ documentFileId?: string }>(
		context,
		{ method: 'GET', path: `${kind.path}/${id}/document` },
		{
			itemIndex,
			onError: (failure) => (failure.status === 406 ? draftError(context, itemIndex, kind, failure, secrets) : undefined),
		},
	);
	const fileId = document?.documentFileId;
	if (fileId && (typeof fileId !== 'string' || !isUuid(fileId))) {
		// The ID goes into a request path: an answer that is not an ID must not lead elsewhere.
		throw new NodeOperationError(
			context.getNode(),
			`lexoffice answered with a document file ID that is not an ID for ${kind.noun} ${id} [item ${itemIndex}]`,
			{ itemIndex, description: 'The file was not requested. Try again later; if it persists, report it to lexoffice support.' },
		);
	}
	if (!fileId) {
		throw new NodeOperationError(context.getNode(), `lexoffice returned no document for ${kind.noun} ${id} [item ${itemIndex}]`, {
			itemIndex,
			description: `Finalize the ${kind.noun} first; lexoffice renders documents only for finalized ${kind.noun}s.`,
		});
	}
	return await lexofficeResponse<Buffer>(
		context,
		{ method: 'GET', path: `/v1/files/${fileId}`, binary: true, headers: { Accept: 'application/pdf' } },
		{
			itemIndex,
			onError: (failure) => (failure.status === 406 ? draftError(context, itemIndex, kind, failure, secrets) : undefined),
		},
	);
}

/** Download for a document type: the PDF (and for invoices the XRechnung XML). */
export function downloadOperation(kind: DocumentKind): Operation<PreparedDownload> {
	return {
	description: downloadFields(kind),
	prepare(context, itemIndex) {
		const format = kind.xml ? (context.getNodeParameter('fileFormat', itemIndex, 'pdf') as string) : 'pdf';
		if (format !== 'pdf' && format !== 'xml') {
			throw inputError(context, itemIndex, 'File Format', `must be pdf or xml, not "${String(format)}"`);
		}
		const binaryPropertyName = readOutputBinaryField(context, itemIndex);
		return { id: readDocumentId(context, itemIndex, kind), format, binaryPropertyName };
	},
	async execute(context, itemIndex, { id, format, binaryPropertyName }) {
		const { secrets } = await getConnection(context);
		const mimeType = MIME_TYPES[format];
		// 404 is ambiguous here (unknown document, no XML for this invoice, or no /file route);
		// 405 and 501 mean the server has no /file route.
		const first = await lexofficeResponseOrFailure<Buffer>(
			context,
			{ method: 'GET', path: `${kind.path}/${id}/file`, binary: true, headers: { Accept: mimeType } },
			[404, 405, 501],
			{
				itemIndex,
				onError: (failure) => (failure.status === 409 ? draftError(context, itemIndex, kind, failure, secrets) : undefined),
			},
		);
		let response: LexofficeResponse<Buffer>;
		if ('response' in first) {
			response = first.response;
		} else {
			const { failure } = first;
			if (failure.status === 404) {
				// Tells an unknown document (fails here with lexoffice's 404) from a missing route.
				await lexofficeBody(context, { method: 'GET', path: `${kind.path}/${id}` }, { itemIndex });
			}
			if (format === 'xml') {
				// The older route only knows the PDF, so there is nothing to fall back to.
				throw toNodeApiError(context.getNode(), failure, {
					itemIndex,
					secrets,
					message:
						failure.status === 404
							? `lexoffice has no XRechnung XML for invoice ${id} [item ${itemIndex}]`
							: `This lexoffice server cannot deliver invoice files as XML [item ${itemIndex}]`,
					hint: 'Only invoices created as XRechnung (with a buyer reference for a public-sector customer) have an XML file. Download the PDF instead.',
				});
			}
			response = await downloadViaDocument(context, itemIndex, kind, id, secrets);
		}

		const buffer = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body as unknown as ArrayBuffer);
		const contentType = response.headers['content-type']?.split(';')[0].trim();
		const fileMime = contentType && contentType !== 'application/octet-stream' ? contentType : mimeType;
		const fileName =
			fileNameFromDisposition(response.headers['content-disposition']) ??
			`${kind.resource}-${id}.${format === 'xml' ? 'xml' : 'pdf'}`;
		const binary = await context.helpers.prepareBinaryData(buffer, fileName, fileMime);
		const json: IDataObject = { id, fileName, mimeType: fileMime, size: buffer.length };
		return [{ json, binary: { [binaryPropertyName]: binary } }];
	},
};
}
