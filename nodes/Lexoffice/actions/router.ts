import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { articleOperations } from './article/Article.resource';
import { contactOperations } from './contact/Contact.resource';
import { creditNoteOperations } from './creditNote/CreditNote.resource';
import { deliveryNoteOperations } from './deliveryNote/DeliveryNote.resource';
import { downPaymentInvoiceOperations } from './downPaymentInvoice/DownPaymentInvoice.resource';
import { dunningOperations } from './dunning/Dunning.resource';
import { fileOperations } from './file/File.resource';
import { invoiceOperations } from './invoice/Invoice.resource';
import { orderConfirmationOperations } from './orderConfirmation/OrderConfirmation.resource';
import { paymentOperations } from './payment/Payment.resource';
import { quotationOperations } from './quotation/Quotation.resource';
import type { Operation } from './types';
import { voucherOperations } from './voucher/Voucher.resource';

const resources: Record<string, Record<string, Operation<never>>> = {
	contact: contactOperations,
	invoice: invoiceOperations,
	quotation: quotationOperations,
	orderConfirmation: orderConfirmationOperations,
	deliveryNote: deliveryNoteOperations,
	creditNote: creditNoteOperations,
	downPaymentInvoice: downPaymentInvoiceOperations,
	dunning: dunningOperations,
	article: articleOperations,
	payment: paymentOperations,
	file: fileOperations,
	voucher: voucherOperations,
};

function errorJson(error: unknown): IDataObject {
	const record = (error ?? {}) as { message?: unknown; description?: unknown; httpCode?: unknown };
	const json: IDataObject = { error: String(record.message ?? error) };
	if (typeof record.description === 'string' && record.description) json.description = record.description;
	if (record.httpCode) json.httpCode = String(record.httpCode);
	return json;
}

function withItemIndex(context: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeOperationError || (error as { context?: unknown })?.context) {
		const nodeError = error as NodeOperationError;
		nodeError.context = { ...(nodeError.context ?? {}), itemIndex };
		return nodeError;
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/**
 * Runs the chosen operation for every item. All items are checked first, so one bad item
 * stops the run before any request when the node is not set to continue on failure.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[operationName] as Operation<unknown> | undefined;
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not supported for "${resource}"`);
	}
	const continueOnFail = this.continueOnFail();

	const prepared: Array<{ value?: unknown; error?: unknown }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared.push({ value: await operation.prepare(this, itemIndex) });
		} catch (error) {
			if (!continueOnFail) throw withItemIndex(this, error, itemIndex);
			prepared.push({ error });
		}
	}

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const entry = prepared[itemIndex];
		try {
			if (entry.error) throw entry.error;
			const results = await operation.execute(this, itemIndex, entry.value);
			for (const result of results) output.push({ ...result, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (!continueOnFail) throw withItemIndex(this, error, itemIndex);
			output.push({ json: errorJson(error), pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}
