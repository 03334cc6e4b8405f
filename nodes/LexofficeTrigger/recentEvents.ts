import type { IDataObject } from 'n8n-workflow';

/** How many event keys are remembered; lexoffice redelivers within about 42 hours. */
export const RECENT_EVENTS_LIMIT = 1000;

const STATIC_KEY = 'recentEvents';

/** One key per delivery lexoffice may repeat: same type, same record, same moment. */
export function eventKey(eventType: string, resourceId: string, eventDate: string): string {
	return `${eventType}|${resourceId}|${eventDate}`;
}

/**
 * Records `key` in the workflow's static data and answers whether it was already there.
 * The oldest keys drop out once the limit is reached, so the list never grows unbounded.
 */
export function rememberEvent(staticData: IDataObject, key: string, limit = RECENT_EVENTS_LIMIT): boolean {
	const stored = staticData[STATIC_KEY];
	const recent = Array.isArray(stored) ? (stored.filter((entry) => typeof entry === 'string') as string[]) : [];
	if (recent.includes(key)) return true;
	recent.push(key);
	staticData[STATIC_KEY] = recent.length > limit ? recent.slice(recent.length - limit) : recent;
	return false;
}
