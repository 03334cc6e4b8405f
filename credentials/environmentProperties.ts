import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_REQUESTS_PER_SECOND } from '../nodes/Lexoffice/transport/environments';

/** Shown under every custom URL; the node refuses other URLs before sending anything. */
export const CUSTOM_URL_HINT =
	'Use https://. Plain http:// is accepted only for this machine (localhost, 127.x.x.x, ::1), since the token would travel in clear text. No user:password@ in the URL.';

/** The Environment choice shared by both lexoffice credentials. */
export const environmentProperty: INodeProperties = {
	displayName: 'Environment',
	name: 'environment',
	type: 'options',
	options: [
		{
			name: 'Lexware Office',
			value: 'lexware',
			description: 'The current hosts: api.lexware.io and app.lexware.de',
		},
		{
			name: 'Lexoffice (Legacy Hosts)',
			value: 'lexofficeLegacy',
			description: 'The hosts used before the 2025 rename: api.lexoffice.io and app.lexoffice.de',
		},
		{
			name: 'Custom',
			value: 'custom',
			description: 'Any other base URL, such as a sandbox or a local test server',
		},
	],
	default: 'lexware',
};

export const customApiBaseUrlProperty: INodeProperties = {
	displayName: 'API Base URL',
	name: 'customApiBaseUrl',
	type: 'string',
	default: '',
	placeholder: 'e.g. http://127.0.0.1:5680',
	description: 'Base URL of the lexoffice API, without /v1',
	hint: CUSTOM_URL_HINT,
	required: true,
	displayOptions: { show: { environment: ['custom'] } },
};

export const requestsPerSecondProperty: INodeProperties = {
	displayName: 'Requests per Second',
	name: 'requestsPerSecond',
	type: 'number',
	default: DEFAULT_REQUESTS_PER_SECOND,
	typeOptions: { minValue: 0.1, numberPrecision: 2 },
	description:
		'The rate limit lexoffice grants this connection (2 per second today). The node stays just below it; change it only if lexoffice announces a different limit.',
};
