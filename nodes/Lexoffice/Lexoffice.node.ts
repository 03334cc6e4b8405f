import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { articleDescription } from './actions/article/Article.resource';
import { contactDescription } from './actions/contact/Contact.resource';
import { fileDescription } from './actions/file/File.resource';
import { invoiceDescription } from './actions/invoice/Invoice.resource';
import { paymentDescription } from './actions/payment/Payment.resource';
import { router } from './actions/router';
import { voucherDescription } from './actions/voucher/Voucher.resource';
import { searchArticles, searchContacts, searchCustomers, searchInvoices } from './methods/listSearch';
import { getPostingCategories, searchVouchers } from './methods/voucherOptions';

export class Lexoffice implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lexoffice',
		name: 'lexoffice',
		icon: { light: 'file:lexoffice.svg', dark: 'file:lexoffice.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Manage contacts and invoices in lexoffice (Lexware Office)',
		defaults: { name: 'Lexoffice' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'lexofficeOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
			{
				name: 'lexofficeApi',
				required: true,
				displayOptions: { show: { authentication: ['apiKey'] } },
			},
		],
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'OAuth2 (Partner App)', value: 'oAuth2' },
					{ name: 'API Key', value: 'apiKey' },
				],
				default: 'oAuth2',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Article', value: 'article' },
					{ name: 'Contact', value: 'contact' },
					{ name: 'File', value: 'file' },
					{ name: 'Invoice', value: 'invoice' },
					{ name: 'Payment', value: 'payment' },
					{ name: 'Voucher', value: 'voucher' },
				],
				default: 'contact',
			},
			...contactDescription,
			...invoiceDescription,
			...articleDescription,
			...paymentDescription,
			...fileDescription,
			...voucherDescription,
		],
	};

	methods = {
		listSearch: { searchArticles, searchContacts, searchCustomers, searchInvoices, searchVouchers },
		loadOptions: { getPostingCategories },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
