import { randomBytes } from 'crypto';

/** One file part of a multipart/form-data body. */
export interface MultipartFile {
	/** The form field name, e.g. `file`. */
	field: string;
	fileName: string;
	contentType: string;
	data: Buffer;
}

export interface MultipartBody {
	/** Plain form fields, sent before the files (e.g. `type=voucher`). */
	fields?: Record<string, string>;
	files: MultipartFile[];
}

/** Quotes a header parameter; CR, LF and quotes would break the part header. */
function quoted(value: string): string {
	return `"${value.replace(/[\r\n"\\]/g, '_')}"`;
}

/**
 * A multipart/form-data body as one Buffer sized to the file plus a few hundred bytes of
 * headers. A Buffer, unlike a stream or a FormData object, can be sent again by n8n when an
 * OAuth2 token is refreshed after a 401, and axios sends it as it is in n8n 1.x and 2.x.
 */
export function encodeMultipart(body: MultipartBody): { buffer: Buffer; contentType: string } {
	const boundary = `----lexoffice${randomBytes(16).toString('hex')}`;
	const chunks: Buffer[] = [];
	for (const [name, value] of Object.entries(body.fields ?? {})) {
		chunks.push(
			Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}\r\n\r\n${value}\r\n`, 'utf8'),
		);
	}
	for (const file of body.files) {
		chunks.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(file.field)}; filename=${quoted(file.fileName)}\r\n` +
					`Content-Type: ${file.contentType}\r\n\r\n`,
				'utf8',
			),
			file.data,
			Buffer.from('\r\n', 'utf8'),
		);
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return { buffer: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
