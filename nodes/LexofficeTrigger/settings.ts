import type { KeyObject } from 'crypto';
import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { customUrlProblem } from '../Lexoffice/transport/environments';
import { LEXOFFICE_PUBLIC_KEY_URL, LEXOFFICE_WEBHOOK_PUBLIC_KEY } from './publicKey';
import { readPublicKey } from './signature';

type TriggerContext = IHookFunctions | IWebhookFunctions;

export function selectedEvents(context: TriggerContext): string[] {
	const events = context.getNodeParameter('events', []) as unknown;
	return Array.isArray(events) ? [...new Set(events.map(String))] : [];
}

export function fetchResourceEnabled(context: TriggerContext): boolean {
	return context.getNodeParameter('options.fetchResource', true) as boolean;
}

/** Where the key downloaded at activation is kept, so callbacks need no request of their own. */
const STORED_KEY = 'lexofficePublicKeyPem';

function storedKey(context: TriggerContext): string {
	const value = context.getWorkflowStaticData('node')[STORED_KEY];
	return typeof value === 'string' ? value.trim() : '';
}

/**
 * The key callbacks are checked against: the Public Key option, else the bundled key, else the
 * one downloaded from lexoffice when the workflow was activated.
 */
export function configuredPublicKeyText(context: TriggerContext): string {
	const override = String(context.getNodeParameter('options.publicKey', '') ?? '').trim();
	return override || LEXOFFICE_WEBHOOK_PUBLIC_KEY.trim() || storedKey(context);
}

export const MISSING_KEY_MESSAGE = `No lexoffice public key is available, so no callback can be verified. Reactivate the workflow to download lexoffice's key from ${LEXOFFICE_PUBLIC_KEY_URL}, or paste it under Options → Public Key.`;

/** Where the key is downloaded from: lexoffice's address unless the Public Key URL option says otherwise. */
function publicKeyUrl(context: IHookFunctions): string {
	const url = String(context.getNodeParameter('options.publicKeyUrl', '') ?? '').trim() || LEXOFFICE_PUBLIC_KEY_URL;
	const problem = customUrlProblem(url);
	if (problem) {
		throw new NodeOperationError(context.getNode(), `Options → Public Key URL: ${problem.message}`, {
			description: problem.description,
		});
	}
	return url;
}

async function downloadPublicKey(context: IHookFunctions): Promise<string> {
	const url = publicKeyUrl(context);
	try {
		const text = (await context.helpers.httpRequest({
			method: 'GET',
			url,
			json: false,
			timeout: 15_000,
		})) as unknown;
		return typeof text === 'string' ? text.trim() : Buffer.isBuffer(text) ? text.toString('utf8').trim() : '';
	} catch (error) {
		throw new NodeOperationError(context.getNode(), `Could not download lexoffice's public key from ${url}`, {
			description: `Callbacks can only be verified with lexoffice's signing key. Check that this n8n can reach that address, or paste the key under Options → Public Key. (${(error as Error).message})`,
		});
	}
}

/**
 * Makes sure callbacks can be verified before anything is subscribed: each one would be
 * refused otherwise. Without a pasted key, lexoffice's published key is downloaded once per
 * activation and kept in the workflow's static data.
 */
export async function requirePublicKey(context: IHookFunctions): Promise<KeyObject> {
	const pasted = String(context.getNodeParameter('options.publicKey', '') ?? '').trim() || LEXOFFICE_WEBHOOK_PUBLIC_KEY.trim();
	const text = pasted || (await downloadPublicKey(context));
	const key = readPublicKey(text);
	if (!key) {
		throw new NodeOperationError(
			context.getNode(),
			pasted ? 'The Public Key option is not an RSA public key in PEM form' : 'The downloaded public key is not an RSA public key',
			{ description: `Paste the whole key including the BEGIN PUBLIC KEY and END PUBLIC KEY lines, from ${LEXOFFICE_PUBLIC_KEY_URL}.` },
		);
	}
	const data = context.getWorkflowStaticData('node');
	if (pasted) delete data[STORED_KEY];
	else data[STORED_KEY] = text;
	return key;
}
