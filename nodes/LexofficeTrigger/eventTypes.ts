import type { INodePropertyOptions } from 'n8n-workflow';

/** lexoffice's resources that announce changes, with the path their record is read from. */
const RESOURCES: Array<{ prefix: string; label: string; path: string; statusEvents: boolean }> = [
	{ prefix: 'article', label: 'Article', path: '/v1/articles', statusEvents: false },
	{ prefix: 'contact', label: 'Contact', path: '/v1/contacts', statusEvents: false },
	{ prefix: 'credit-note', label: 'Credit Note', path: '/v1/credit-notes', statusEvents: true },
	{ prefix: 'delivery-note', label: 'Delivery Note', path: '/v1/delivery-notes', statusEvents: true },
	{ prefix: 'down-payment-invoice', label: 'Down-Payment Invoice', path: '/v1/down-payment-invoices', statusEvents: true },
	{ prefix: 'dunning', label: 'Dunning', path: '/v1/dunnings', statusEvents: false },
	{ prefix: 'invoice', label: 'Invoice', path: '/v1/invoices', statusEvents: true },
	{ prefix: 'order-confirmation', label: 'Order Confirmation', path: '/v1/order-confirmations', statusEvents: true },
	{ prefix: 'quotation', label: 'Quotation', path: '/v1/quotations', statusEvents: true },
	{ prefix: 'recurring-template', label: 'Recurring Template', path: '/v1/recurring-templates', statusEvents: false },
	{ prefix: 'voucher', label: 'Voucher', path: '/v1/vouchers', statusEvents: true },
];

const ACTIONS: Array<{ suffix: string; label: string }> = [
	{ suffix: 'created', label: 'Created' },
	{ suffix: 'changed', label: 'Changed' },
	{ suffix: 'deleted', label: 'Deleted' },
	{ suffix: 'status.changed', label: 'Status Changed' },
];

export const PAYMENT_CHANGED = 'payment.changed';
export const TOKEN_REVOKED = 'token.revoked';

/** What the output says about token.revoked, so a workflow can alert a human. */
export const TOKEN_REVOKED_MEANING =
	'The lexoffice connection behind this credential was revoked (the API key was deleted or the app was disconnected). lexoffice sends no further events and every request fails until the credential is re-authorised: reconnect the OAuth2 credential or enter a new API key, then deactivate and reactivate this workflow.';

interface EventTypeInfo {
	value: string;
	name: string;
	/** Where the record the event points at is read; undefined when there is nothing to read. */
	fetchPath?: string;
}

function buildEventTypes(): EventTypeInfo[] {
	const types: EventTypeInfo[] = [];
	for (const resource of RESOURCES) {
		for (const action of ACTIONS) {
			if (action.suffix === 'status.changed' && !resource.statusEvents) continue;
			types.push({
				value: `${resource.prefix}.${action.suffix}`,
				name: `${resource.label} ${action.label}`,
				// A deleted record cannot be read any more.
				fetchPath: action.suffix === 'deleted' ? undefined : resource.path,
			});
		}
	}
	types.push({ value: PAYMENT_CHANGED, name: 'Payment Changed', fetchPath: '/v1/payments' });
	types.push({ value: TOKEN_REVOKED, name: 'Token Revoked' });
	return types;
}

/** All 42 event types lexoffice documents. */
export const EVENT_TYPES: readonly EventTypeInfo[] = buildEventTypes();

const BY_VALUE = new Map(EVENT_TYPES.map((type) => [type.value, type]));

export function isKnownEventType(value: string): boolean {
	return BY_VALUE.has(value);
}

/** The API path of the record an event points at, or undefined for deleted records and token.revoked. */
export function resourcePath(eventType: string, resourceId: string): string | undefined {
	const base = BY_VALUE.get(eventType)?.fetchPath;
	return base ? `${base}/${encodeURIComponent(resourceId)}` : undefined;
}

/** Options for the Events parameter, sorted by name so each resource's events stand together. */
export const EVENT_OPTIONS: INodePropertyOptions[] = [...EVENT_TYPES]
	.sort((a, b) => a.name.localeCompare(b.name))
	.map((type) => ({
		name: type.name,
		value: type.value,
		description:
			type.value === TOKEN_REVOKED
				? 'The connection was revoked and must be re-authorised'
				: type.value === PAYMENT_CHANGED
					? 'A payment on an invoice, credit note or voucher changed (also when a document goes back to draft)'
					: `lexoffice event ${type.value}`,
	}));
