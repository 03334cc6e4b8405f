import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { lexofficeBody } from '../Lexoffice/transport';
import { isKnownEventType, resourcePath, TOKEN_REVOKED, TOKEN_REVOKED_MEANING } from './eventTypes';
import { eventKey, rememberEvent } from './recentEvents';
import { configuredPublicKeyText, fetchResourceEnabled, MISSING_KEY_MESSAGE, selectedEvents } from './settings';
import { isValidSignature, readPublicKey, SIGNATURE_HEADER } from './signature';

export interface LexofficeEvent {
	organizationId: string;
	eventType: string;
	resourceId: string;
	eventDate: string;
}

/** The callback body is exactly {organizationId, eventType, resourceId, eventDate}, all strings. */
export function parseEvent(rawBody: Buffer): LexofficeEvent | undefined {
	let body: unknown;
	try {
		body = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return undefined;
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const record = body as Record<string, unknown>;
	const fields = ['organizationId', 'eventType', 'resourceId', 'eventDate'] as const;
	if (!fields.every((field) => typeof record[field] === 'string' && record[field])) return undefined;
	return {
		organizationId: record.organizationId as string,
		eventType: record.eventType as string,
		resourceId: record.resourceId as string,
		eventDate: record.eventDate as string,
	};
}

function answer(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	context.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

async function ownOrganizationId(context: IWebhookFunctions, staticData: IDataObject): Promise<string | undefined> {
	if (typeof staticData.organizationId === 'string' && staticData.organizationId) {
		return staticData.organizationId;
	}
	// Activation caches it; read it once more if the cache is gone.
	const profile = await lexofficeBody<IDataObject>(context, { method: 'GET', path: '/v1/profile' });
	if (typeof profile?.organizationId !== 'string') return undefined;
	staticData.organizationId = profile.organizationId;
	return profile.organizationId;
}

async function fetchResource(context: IWebhookFunctions, event: LexofficeEvent): Promise<IDataObject> {
	const path = resourcePath(event.eventType, event.resourceId);
	if (!path) return {};
	try {
		const resource = await lexofficeBody<IDataObject>(context, { method: 'GET', path });
		return { resource };
	} catch (error) {
		// The event still reaches the workflow: a callback is never dropped because a read failed.
		const failure = error as { message?: string; description?: string; httpCode?: string };
		return {
			resourceError: {
				message: `The ${event.eventType} record ${event.resourceId} could not be read: ${failure.message ?? 'unknown error'}`,
				...(failure.httpCode ? { httpCode: failure.httpCode } : {}),
				...(failure.description ? { description: failure.description } : {}),
			},
		};
	}
}

/**
 * Checks a callback, answers lexoffice at once (its timeout is 5 s), then reads the record the
 * event points at and hands both to the workflow. Refused callbacks start nothing.
 */
export async function handleCallback(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	// lexoffice checks a callback URL with HEAD when subscribing it.
	if (this.getWebhookName() === 'setup') {
		this.getResponseObject().status(200).end();
		return { noWebhookResponse: true };
	}

	const keyText = configuredPublicKeyText(this);
	if (!keyText) return answer(this, 401, MISSING_KEY_MESSAGE);
	const key = readPublicKey(keyText);
	if (!key) return answer(this, 401, 'The configured lexoffice public key is not a valid RSA public key');

	const rawBody = this.getRequestObject().rawBody;
	const signature = this.getHeaderData()[SIGNATURE_HEADER];
	if (!Buffer.isBuffer(rawBody) || !isValidSignature(rawBody, signature, key)) {
		return answer(this, 401, signature ? 'Invalid X-Lxo-Signature' : 'Missing X-Lxo-Signature');
	}

	const event = parseEvent(rawBody);
	if (!event) return answer(this, 400, 'The body is not a lexoffice event');

	const staticData = this.getWorkflowStaticData('node');
	const organizationId = await ownOrganizationId(this, staticData);
	if (event.organizationId !== organizationId) {
		return answer(this, 401, 'The event belongs to another lexoffice organization');
	}

	// A signed event this node did not ask for (a stale subscription): acknowledge, run nothing.
	if (!isKnownEventType(event.eventType) || !selectedEvents(this).includes(event.eventType)) {
		return answer(this, 200, 'Event type not selected in this trigger');
	}
	if (rememberEvent(staticData, eventKey(event.eventType, event.resourceId, event.eventDate))) {
		return answer(this, 200, 'Already received');
	}

	answer(this, 200, 'Received');

	const json: IDataObject = { ...event };
	if (event.eventType === TOKEN_REVOKED) {
		json.meaning = TOKEN_REVOKED_MEANING;
	} else if (fetchResourceEnabled(this)) {
		Object.assign(json, await fetchResource(this, event));
	}
	const item: INodeExecutionData = { json };
	return { workflowData: [[item]], noWebhookResponse: true };
}
