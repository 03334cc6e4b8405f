import type { KeyObject } from 'crypto';
import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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

/** The key callbacks are checked against: the Public Key option, else the bundled one. */
export function configuredPublicKeyText(context: TriggerContext): string {
	const override = String(context.getNodeParameter('options.publicKey', '') ?? '').trim();
	return override || LEXOFFICE_WEBHOOK_PUBLIC_KEY.trim();
}

export const MISSING_KEY_MESSAGE = `No lexoffice public key is configured, so no callback can be verified. Paste lexoffice's public key from ${LEXOFFICE_PUBLIC_KEY_URL} under Options → Public Key.`;

/** Stops activation early when callbacks could never be verified: each one would be refused. */
export function requirePublicKey(context: IHookFunctions): KeyObject {
	const text = configuredPublicKeyText(context);
	if (!text) {
		throw new NodeOperationError(context.getNode(), 'No lexoffice public key configured', {
			description: MISSING_KEY_MESSAGE,
		});
	}
	const key = readPublicKey(text);
	if (!key) {
		throw new NodeOperationError(context.getNode(), 'The Public Key option is not an RSA public key in PEM form', {
			description: `Paste the whole key including the BEGIN PUBLIC KEY and END PUBLIC KEY lines, from ${LEXOFFICE_PUBLIC_KEY_URL}.`,
		});
	}
	return key;
}
