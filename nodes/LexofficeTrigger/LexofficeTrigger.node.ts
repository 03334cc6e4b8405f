import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { handleCallback } from './callback';
import { EVENT_OPTIONS } from './eventTypes';
import { checkExists, create, remove } from './lifecycle';
import { LEXOFFICE_PUBLIC_KEY_URL } from './publicKey';

export class LexofficeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lexoffice Trigger',
		name: 'lexofficeTrigger',
		icon: { light: 'file:lexoffice.svg', dark: 'file:lexoffice.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description: 'Starts the workflow when something changes in lexoffice (Lexware Office)',
		defaults: { name: 'Lexoffice Trigger' },
		inputs: [],
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
		webhooks: [
			// lexoffice probes a callback URL with HEAD before it accepts a subscription. n8n
			// registers webhooks in this order, so the probe's answer exists before `default`
			// subscribes.
			{ name: 'setup', httpMethod: 'HEAD', responseMode: 'onReceived', path: 'webhook' },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName: `lexoffice only calls HTTPS URLs that it can reach. Self-hosted n8n needs a public HTTPS address (a TLS reverse proxy or a tunnel) set in the WEBHOOK_URL environment variable. Callbacks are verified with lexoffice's public key from ${LEXOFFICE_PUBLIC_KEY_URL}: paste it under Options → Public Key, otherwise the trigger cannot be activated.`,
				name: 'httpsNotice',
				type: 'notice',
				default: '',
			},
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
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENT_OPTIONS,
				default: [],
				required: true,
				description: 'The lexoffice events that start this workflow; one subscription per event',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Fetch Resource',
						name: 'fetchResource',
						type: 'boolean',
						default: true,
						description:
							'Whether to read the record the event points at (invoice, contact, payment, …) and output it under "resource". Deleted records and Token Revoked have nothing to read.',
					},
					{
						displayName: 'Public Key',
						name: 'publicKey',
						type: 'string',
						typeOptions: { rows: 6 },
						default: '',
						placeholder: '-----BEGIN PUBLIC KEY-----',
						description: `The RSA public key (PEM) that callbacks are verified with. Leave empty to download lexoffice's key from ${LEXOFFICE_PUBLIC_KEY_URL} when the workflow is activated; paste a key to pin it (or a test server's key).`,
					},
					{
						displayName: 'Public Key URL',
						name: 'publicKeyUrl',
						type: 'string',
						default: '',
						placeholder: `e.g. ${LEXOFFICE_PUBLIC_KEY_URL}`,
						description:
							'Where the key is downloaded from at activation when no Public Key is pasted. Leave empty for lexoffice’s published address; https only (http only on this machine).',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleCallback.call(this);
	}
}
