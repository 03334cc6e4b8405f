import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { environmentExpression } from '../nodes/Lexoffice/transport/environments';
import {
	CUSTOM_URL_HINT,
	customApiBaseUrlProperty,
	environmentProperty,
	requestsPerSecondProperty,
} from './environmentProperties';

/**
 * Least privilege for what the node does: read the profile (connection check), read and
 * write contacts, and read and write invoices (vouchers) and their files. lexoffice has not
 * published scope names for invoices; these are the names seen in partner integrations.
 */
export const DEFAULT_SCOPES =
	'profile.read contacts.read contacts.write vouchers.read vouchers.write files.read';

export class LexofficeOAuth2Api implements ICredentialType {
	name = 'lexofficeOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Lexoffice OAuth2 API';

	icon: Icon = {
		light: 'file:../nodes/Lexoffice/lexoffice.svg',
		dark: 'file:../nodes/Lexoffice/lexoffice.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-lexoffice/n8n-nodes-lexoffice#oauth2-partner-app';

	properties: INodeProperties[] = [
		{
			displayName:
				'Needs a partner app from the Lexware Office partner programme. Register the OAuth Redirect URL shown above with it. n8n signs in with PKCE (S256) and keeps and refreshes the tokens.',
			name: 'oauthNotice',
			type: 'notice',
			default: '',
		},
		{
			// PKCE protects the code exchange even when the client secret is left empty or leaks;
			// lexoffice does not document PKCE, and servers that do not check it ignore the extra fields.
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'pkce',
		},
		environmentProperty,
		{
			displayName: 'Authorization URL',
			name: 'customAuthorizationUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:5680/oauth2/authorize',
			hint: CUSTOM_URL_HINT,
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Access Token URL',
			name: 'customAccessTokenUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:5680/oauth2/token',
			hint: CUSTOM_URL_HINT,
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
		},
		customApiBaseUrlProperty,
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: environmentExpression('authorizationUrl', 'customAuthorizationUrl'),
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: environmentExpression('accessTokenUrl', 'customAccessTokenUrl'),
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The secret of your partner app. Leave empty for a public client; when set, it is sent as HTTP Basic authentication.',
		},
		{
			// Not named `scopes`: n8n's editor keeps its own permission list under that name on
			// every credential and copies it into a field of that name when the type is switched.
			displayName: 'Scopes',
			name: 'oauthScopes',
			type: 'string',
			default: DEFAULT_SCOPES,
			description:
				'Space-separated permissions to ask lexoffice for. The default covers what this node does and nothing more.',
		},
		{
			// n8n drops a stored `scope` for OAuth2 types it does not know and uses this default,
			// so the editable value lives in `oauthScopes` and reaches the login through this expression.
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: `={{ typeof $self["oauthScopes"] === "string" && $self["oauthScopes"].trim() ? $self["oauthScopes"] : "${DEFAULT_SCOPES}" }}`,
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'header',
		},
		requestsPerSecondProperty,
	];
}
