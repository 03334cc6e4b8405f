import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { environmentExpression } from '../nodes/Lexoffice/transport/environments';
import {
	customApiBaseUrlProperty,
	environmentProperty,
	requestsPerSecondProperty,
} from './environmentProperties';

export class LexofficeApi implements ICredentialType {
	name = 'lexofficeApi';

	// n8n names new credentials after this, dropping the words "API" and "OAuth2":
	// "Lexoffice API" becomes "Lexoffice account" ("Lexoffice API Key API" became "Lexoffice Key account").
	displayName = 'Lexoffice API';

	icon: Icon = {
		light: 'file:../nodes/Lexoffice/lexoffice.svg',
		dark: 'file:../nodes/Lexoffice/lexoffice.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-lexoffice/n8n-nodes-lexoffice#api-key';

	properties: INodeProperties[] = [
		{
			displayName:
				'Create a key in lexoffice under Extras → Public API (app.lexware.de/addons/public-api). Keys are valid for 24 months and need a plan with API access.',
			name: 'setupNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		environmentProperty,
		customApiBaseUrlProperty,
		requestsPerSecondProperty,
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: environmentExpression('apiBaseUrl', 'customApiBaseUrl', '$credentials'),
			url: '/v1/profile',
			method: 'GET',
		},
		// Shown in the credential dialog when the test fails (n8n's own text is just the HTTP status line).
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'lexoffice did not accept this API key. Check that it was copied completely and has not expired (keys are valid for 24 months).',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'lexoffice refused access with this key. The plan of the lexoffice account must include the Public API.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'No lexoffice API answered at this address. Check the Environment, or the API Base URL for Custom.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 429,
					message: 'lexoffice is rate-limiting this key at the moment. Wait a few seconds and retry.',
				},
			},
		],
	};
}
