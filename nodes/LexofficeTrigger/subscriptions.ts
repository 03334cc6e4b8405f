import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { lexofficeBody, lexofficeResponseOrFailure } from '../Lexoffice/transport';

const PATH = '/v1/event-subscriptions';

export interface Subscription {
	subscriptionId: string;
	eventType: string;
	callbackUrl: string;
}

/** lexoffice's list of this organization's subscriptions ({content: [...]}, no paging). */
export async function listSubscriptions(context: IHookFunctions): Promise<Subscription[]> {
	const body = await lexofficeBody<{ content?: unknown }>(context, { method: 'GET', path: PATH });
	const rows = Array.isArray(body?.content) ? (body.content as IDataObject[]) : [];
	return rows
		.filter((row) => typeof row.subscriptionId === 'string' && typeof row.eventType === 'string')
		.map((row) => ({
			subscriptionId: row.subscriptionId as string,
			eventType: row.eventType as string,
			callbackUrl: String(row.callbackUrl ?? ''),
		}));
}

/** Subscribes `callbackUrl` to one event type; an existing identical subscription (409) is looked up instead. */
export async function subscribe(
	context: IHookFunctions,
	eventType: string,
	callbackUrl: string,
): Promise<{ subscriptionId: string; created: boolean }> {
	const outcome = await lexofficeResponseOrFailure<IDataObject>(
		context,
		{ method: 'POST', path: PATH, body: { eventType, callbackUrl } },
		[409],
	);
	if ('response' in outcome) {
		const id = outcome.response.body?.id;
		if (typeof id !== 'string' || !id) {
			throw new NodeOperationError(context.getNode(), `lexoffice accepted the ${eventType} subscription but returned no id`);
		}
		return { subscriptionId: id, created: true };
	}
	// 409: this type and URL are already subscribed; adopt that subscription.
	const existing = (await listSubscriptions(context)).find(
		(row) => row.eventType === eventType && row.callbackUrl === callbackUrl,
	);
	if (!existing) {
		throw new NodeOperationError(
			context.getNode(),
			`lexoffice reported a duplicate ${eventType} subscription for this URL but does not list it`,
		);
	}
	return { subscriptionId: existing.subscriptionId, created: false };
}

/** Deletes one subscription; one that is already gone (404) counts as deleted. */
export async function unsubscribe(context: IHookFunctions, subscriptionId: string): Promise<void> {
	await lexofficeResponseOrFailure(
		context,
		{ method: 'DELETE', path: `${PATH}/${encodeURIComponent(subscriptionId)}` },
		[404],
	);
}
