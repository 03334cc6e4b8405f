import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { inputError } from './validation';

/** lexoffice's cap, measured: 5,242,880 bytes pass, one byte more is refused. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export type UploadKind = 'pdf' | 'jpg' | 'png' | 'xml';

const KINDS: Record<UploadKind, { label: string; contentType: string; extensions: string[]; mimeTypes: string[] }> = {
	pdf: { label: 'PDF', contentType: 'application/pdf', extensions: ['pdf'], mimeTypes: ['application/pdf'] },
	jpg: { label: 'JPEG image', contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], mimeTypes: ['image/jpeg', 'image/jpg', 'image/pjpeg'] },
	png: { label: 'PNG image', contentType: 'image/png', extensions: ['png'], mimeTypes: ['image/png'] },
	xml: { label: 'XML e-invoice', contentType: 'application/xml', extensions: ['xml'], mimeTypes: ['application/xml', 'text/xml'] },
};

/** Declared types that say nothing about the content. */
const NEUTRAL_MIME_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/x-binary']);

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Recognisable formats lexoffice refuses, named in the error so the user knows what they have. */
const REFUSED_SIGNATURES: Array<[string, Buffer]> = [
	['GIF image', Buffer.from('GIF8', 'latin1')],
	['TIFF image', Buffer.from([0x49, 0x49, 0x2a, 0x00])],
	['TIFF image', Buffer.from([0x4d, 0x4d, 0x00, 0x2a])],
	['ZIP archive or Office document', Buffer.from([0x50, 0x4b, 0x03, 0x04])],
	['WebP or other RIFF file', Buffer.from('RIFF', 'latin1')],
];

/** What the first bytes say the file is; only the first 64 bytes are looked at. */
export function sniffKind(data: Buffer): UploadKind | undefined {
	if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
	if (data.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
	if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpg';
	let start = 0;
	if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) start = 3; // UTF-8 byte order mark
	const head = data.subarray(start, start + 64).toString('latin1');
	const trimmed = head.trimStart();
	if (trimmed.startsWith('<?xml') || /^<[A-Za-z_]/.test(trimmed)) return 'xml';
	return undefined;
}

function describeUnknown(data: Buffer): string {
	for (const [label, signature] of REFUSED_SIGNATURES) {
		if (data.subarray(0, signature.length).equals(signature)) return `a ${label}`;
	}
	return 'not a PDF, JPEG, PNG or XML file';
}

/** The extension of a file name, lower case, or undefined when it has none. */
export function extensionOf(fileName: string | undefined): string | undefined {
	if (!fileName) return undefined;
	const base = fileName.split(/[\\/]/).pop() ?? '';
	const dot = base.lastIndexOf('.');
	if (dot <= 0 || dot === base.length - 1) return undefined;
	return base.slice(dot + 1).toLowerCase();
}

function kindOfExtension(extension: string): UploadKind | undefined {
	return (Object.keys(KINDS) as UploadKind[]).find((kind) => KINDS[kind].extensions.includes(extension));
}

function kindOfMimeType(mimeType: string): UploadKind | undefined {
	return (Object.keys(KINDS) as UploadKind[]).find((kind) => KINDS[kind].mimeTypes.includes(mimeType));
}

export interface UploadFile {
	data: Buffer;
	/** The name sent to lexoffice, always with an extension that matches the content. */
	fileName: string;
	contentType: string;
	kind: UploadKind;
}

/**
 * Reads the binary of an item and checks it as lexoffice would, before anything is sent:
 * present, not empty, at most 5 MiB, a PDF, JPEG, PNG or XML by its first bytes, and a file
 * name and MIME type that agree with those bytes. A mismatch is refused, not guessed.
 */
export async function readUploadFile(
	context: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
): Promise<UploadFile> {
	const field = `Input Binary Field "${binaryPropertyName}"`;
	const item = context.getInputData()[itemIndex];
	const binary = item?.binary?.[binaryPropertyName] as IBinaryData | undefined;
	if (!binary) {
		const available = Object.keys(item?.binary ?? {});
		throw inputError(
			context,
			itemIndex,
			field,
			available.length
				? `does not exist on this item; it has ${available.map((name) => `"${name}"`).join(', ')}`
				: 'does not exist; this item has no binary data at all',
			'Put the name of the binary field that holds the file into Input Binary Field, for example "data" after a Read Files from Disk or HTTP Request node.',
		);
	}
	if (typeof binary.bytes === 'number' && binary.bytes > MAX_UPLOAD_BYTES) {
		throw tooLarge(context, itemIndex, field, binary.bytes);
	}
	const data = await context.helpers.getBinaryDataBuffer(itemIndex, binaryPropertyName);
	if (data.length === 0) throw inputError(context, itemIndex, field, 'is empty (0 bytes); there is no file to upload');
	if (data.length > MAX_UPLOAD_BYTES) throw tooLarge(context, itemIndex, field, data.length);

	const kind = sniffKind(data);
	if (!kind) {
		throw inputError(
			context,
			itemIndex,
			field,
			`is ${describeUnknown(data)}${binary.fileName ? ` ("${binary.fileName}")` : ''}; lexoffice accepts only PDF, JPEG, PNG and XML e-invoices`,
		);
	}
	const { label, contentType, extensions } = KINDS[kind];

	const declaredMime = String(binary.mimeType ?? '').split(';')[0].trim().toLowerCase();
	if (!NEUTRAL_MIME_TYPES.has(declaredMime) && kindOfMimeType(declaredMime) !== kind) {
		throw inputError(
			context,
			itemIndex,
			field,
			`is declared as ${declaredMime} but its content is a ${label}; refusing to guess which is right`,
			'Set the correct MIME type on the binary (for example with an Edit Fields or Code node) or fix the file.',
		);
	}

	const fileName = binary.fileName?.split(/[\\/]/).pop()?.trim() || undefined;
	const extension = extensionOf(fileName) ?? (binary.fileExtension ? String(binary.fileExtension).toLowerCase() : undefined);
	if (extension !== undefined && kindOfExtension(extension) !== kind) {
		throw inputError(
			context,
			itemIndex,
			field,
			`has the file name "${fileName ?? `.${extension}`}", but its content is a ${label} (.${extensions.join(' or .')}); refusing to guess which is right`,
			'Rename the file so its extension matches its content, or check that the right file was read.',
		);
	}
	const hasOwnExtension = extensionOf(fileName) !== undefined;
	const uploadName = hasOwnExtension ? (fileName as string) : `${fileName ?? 'receipt'}.${extension ?? extensions[0]}`;
	return { data, fileName: uploadName, contentType, kind };
}

function tooLarge(context: IExecuteFunctions, itemIndex: number, field: string, bytes: number) {
	return inputError(
		context,
		itemIndex,
		field,
		`is ${bytes.toLocaleString('en')} bytes; lexoffice accepts at most ${MAX_UPLOAD_BYTES.toLocaleString('en')} bytes (5 MiB)`,
		'Compress the PDF or scale the image down before uploading it.',
	);
}
