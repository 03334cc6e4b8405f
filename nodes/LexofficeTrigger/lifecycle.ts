import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { lexofficeBody } from '../Lexoffice/transport';
import { requirePublicKey, selectedEvents } from './settings';
import type { Subscription } from './subscriptions';
import { listSubscriptions, subscribe, unsubscribe } from './subscriptions';

/** Static data this node keeps between activation, callbacks and deactivation. */
interface TriggerState extends IDataObject {
	callbackUrl?: string;
	/** eventType -> subscriptionId, for the subscriptions this node created or adopted. */
	subscriptions?: IDataObject;
	/** The credential's own organization; callbacks for any other are refused. */
	organizationId?: string;
}

function state(context: IHookFunctions): TriggerState {
	return context.getWorkflowStaticData('node') as TriggerState;
}

function callbackUrl(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n reported no webhook URL for this trigger');
	return url;
}

function requireEvents(context: IHookFunctions): string[] {
	const events = selectedEvents(context);
	if (!events.length) {
		throw new NodeOperationError(context.getNode(), 'Select at least one event under Events');
	}
	return events;
}

export async function readOrganizationId(context: IHookFunctions): Promise<string> {
	const profile = await lexofficeBody<IDataObject>(context, { method: 'GET', path: '/v1/profile' });
	const id = profile?.organizationId;
	if (typeof id !== 'string' || !id) {
		throw new NodeOperationError(context.getNode(), 'lexoffice’s profile has no organizationId');
	}
	return id;
}

function remember(context: IHookFunctions, url: string, rows: Subscription[]): void {
	const data = state(context);
	data.callbackUrl = url;
	data.subscriptions = Object.fromEntries(rows.map((row) => [row.eventType, row.subscriptionId]));
}

/** True when lexoffice already holds exactly the selected subscriptions for this URL. */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	await requirePublicKey(this);
	const events = requireEvents(this);
	const url = callbackUrl(this);
	const mine = (await listSubscriptions(this)).filter((row) => row.callbackUrl === url);
	const complete =
		events.every((type) => mine.some((row) => row.eventType === type)) &&
		mine.every((row) => events.includes(row.eventType));
	if (!complete) return false;
	if (!state(this).organizationId) state(this).organizationId = await readOrganizationId(this);
	remember(this, url, mine);
	return true;
}

/** Subscribes the URL to each selected event; drops this URL's subscriptions to events no longer selected. */
export async function create(this: IHookFunctions): Promise<boolean> {
	await requirePublicKey(this);
	const events = requireEvents(this);
	const url = callbackUrl(this);
	state(this).organizationId = await readOrganizationId(this);

	const existing = (await listSubscriptions(this)).filter((row) => row.callbackUrl === url);
	for (const row of existing) {
		if (!events.includes(row.eventType)) await unsubscribe(this, row.subscriptionId);
	}

	const done: Subscription[] = [];
	const createdNow: string[] = [];
	try {
		for (const eventType of events) {
			const result = await subscribe(this, eventType, url);
			done.push({ subscriptionId: result.subscriptionId, eventType, callbackUrl: url });
			if (result.created) createdNow.push(result.subscriptionId);
		}
	} catch (error) {
		// Leave nothing half-subscribed behind: n8n does not call delete after a failed create.
		for (const id of createdNow) {
			try {
				await unsubscribe(this, id);
			} catch {
				// The original failure is the one worth reporting.
			}
		}
		throw error instanceof NodeOperationError || error instanceof NodeApiError
			? error
			: new NodeOperationError(this.getNode(), error as Error);
	}
	remember(this, url, done);
	return true;
}

/** Deletes every subscription pointing at this URL (those recorded and any lexoffice still lists). */
export async function remove(this: IHookFunctions): Promise<boolean> {
	const url = callbackUrl(this);
	const data = state(this);
	const ids = new Set<string>();
	if (data.callbackUrl === url && data.subscriptions) {
		for (const id of Object.values(data.subscriptions)) if (typeof id === 'string') ids.add(id);
	}
	for (const row of await listSubscriptions(this)) {
		if (row.callbackUrl === url) ids.add(row.subscriptionId);
	}
	for (const id of ids) await unsubscribe(this, id);
	delete data.subscriptions;
	delete data.callbackUrl;
	return true;
}
