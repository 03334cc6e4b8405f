import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { HttpFailure } from '../transport';
import { getConnection, lexofficeBody, toNodeApiError } from '../transport';
import type { UploadFile } from './upload';

/** What lexoffice's 406 i18nKeys mean for the user. */
const REFUSALS: Record<string, { message: string; hint: string }> = {
	inacceptable_file_extension: {
		message: 'lexoffice does not accept this kind of file',
		hint: 'lexoffice takes PDF, JPEG, PNG and XML. XML e-invoices need the “E-Rechnung” feature switched on in the lexoffice settings.',
	},
	invalid_xrechnung: {
		message: 'lexoffice could not read the XML as an XRechnung e-invoice',
		hint: 'Only XRechnung or ZUGFeRD XML is accepted; upload other documents as PDF.',
	},
	max_file_size_exceeded: {
		message: 'The file is larger than lexoffice accepts (5 MiB)',
		hint: 'Compress the PDF or scale the image down before uploading it.',
	},
	image_conversion_error: {
		message: 'lexoffice could not convert the image',
		hint: 'The image may be damaged or too small to read; try a larger scan or a PDF.',
	},
	voucher_upload_toxic_pdf: {
		message: 'lexoffice refused the PDF as damaged or unsafe',
		hint: 'Open and save the PDF again (for example print it to a new PDF) and upload that.',
	},
};

function issueKeys(body: unknown): string[] {
	const list = (body as { IssueList?: unknown } | undefined)?.IssueList;
	if (!Array.isArray(list)) return [];
	return list.map((issue) => String((issue as IDataObject)?.i18nKey ?? ''));
}

/**
 * Sends a file as multipart/form-data (part `file`, plus `fields`). Like every write it is
 * repeated only after a 429; the transport reports a 5xx or a broken connection as "may have
 * been carried out", since lexoffice may then have stored the file and made a voucher of it.
 */
export async function sendUpload(
	context: IExecuteFunctions,
	itemIndex: number,
	path: string,
	file: UploadFile,
	fields?: Record<string, string>,
): Promise<IDataObject> {
	const { secrets } = await getConnection(context);
	const onError = (failure: HttpFailure) => {
		const key = issueKeys(failure.body).find((candidate) => REFUSALS[candidate]);
		if (key && failure.status !== undefined && failure.status < 500) {
			return toNodeApiError(context.getNode(), failure, {
				itemIndex,
				secrets,
				message: `${REFUSALS[key].message}: "${file.fileName}" [item ${itemIndex}]`,
				hint: REFUSALS[key].hint,
			});
		}
		return undefined;
	};
	return await lexofficeBody<IDataObject>(
		context,
		{
			method: 'POST',
			path,
			multipart: {
				fields,
				files: [{ field: 'file', fileName: file.fileName, contentType: file.contentType, data: file.data }],
			},
		},
		{ itemIndex, onError },
	);
}
