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

	displayName = 'Lexoffice API Key API';

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
	};
}
