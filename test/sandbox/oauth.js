'use strict';

// Partner OAuth2 (authorization code + PKCE, refresh with rotation, revoke) on /oauth2/*.

const { randomToken, randomUuid, sha256Base64Url, safeEqual } = require('./util');

const CODE_TTL_MS = 10 * 60 * 1000;
const VERIFIER_RE = /^[A-Za-z0-9\-._~]{43,128}$/;

function createOAuth(state, options = {}) {
	const config = {
		clients: [{ clientId: 'sandbox-client', clientSecret: 'sandbox-secret' }],
		accessTokenTtlSeconds: 3600,
		refreshTokenTtlSeconds: 60 * 60 * 24 * 30,
		rotateRefreshTokens: true,
		requirePkce: true,
		...options,
	};
	const clients = new Map(config.clients.map((c) => [c.clientId, c]));
	const { access, refresh } = state.tokens;
	const codes = state.oauthCodes;
	const grants = state.grants;

	const json = (status, body, headers = {}) => ({
		status,
		headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache', ...headers },
		json: body,
	});
	const oauthError = (status, error, description, headers) =>
		json(status, description ? { error, error_description: description } : { error }, headers);
	const html = (status, text) => ({
		status,
		headers: { 'Content-Type': 'text/html; charset=utf-8' },
		body: Buffer.from(`<!doctype html><html><body><h1>${status}</h1><p>${escapeHtml(text)}</p></body></html>`),
	});

	function newGrant(clientId, scope, code) {
		const grant = { id: randomUuid(), clientId, scope, code, connectionId: randomUuid(), access: new Set(), refresh: new Set() };
		grants.set(grant.id, grant);
		return grant;
	}

	function issueAccess(grant) {
		const token = randomToken();
		const ttl = config.accessTokenTtlSeconds;
		access.set(token, { grantId: grant.id, clientId: grant.clientId, scope: grant.scope, expiresAt: Date.now() + ttl * 1000 });
		grant.access.add(token);
		return { token, ttl };
	}

	function issueRefresh(grant) {
		const token = randomToken();
		refresh.set(token, {
			grantId: grant.id,
			clientId: grant.clientId,
			scope: grant.scope,
			expiresAt: Date.now() + config.refreshTokenTtlSeconds * 1000,
		});
		grant.refresh.add(token);
		return token;
	}

	function tokenResponse(grant, refreshToken) {
		const a = issueAccess(grant);
		return {
			access_token: a.token,
			token_type: 'bearer',
			refresh_token: refreshToken,
			expires_in: a.ttl,
			scope: grant.scope,
		};
	}

	function revokeGrant(grantId) {
		const grant = grants.get(grantId);
		if (!grant) return;
		for (const t of grant.access) access.delete(t);
		for (const t of grant.refresh) refresh.delete(t);
		grant.revoked = true;
	}

	// --- /oauth2/authorize ------------------------------------------------------------------

	function authorize(ctx) {
		const q = ctx.query;
		const single = (k) => (Array.isArray(q[k]) ? undefined : q[k]);
		const clientId = single('client_id');
		const client = clientId && clients.get(clientId);
		if (!client) return html(400, 'Unknown client_id');
		const redirectUri = single('redirect_uri');
		if (!redirectUri) return html(400, 'Missing redirect_uri');
		if (client.redirectUris && !client.redirectUris.includes(redirectUri)) return html(400, 'redirect_uri is not registered for this client');
		let target;
		try {
			target = new URL(redirectUri, ctx.baseUrl);
		} catch {
			return html(400, 'Invalid redirect_uri');
		}
		const stateParam = single('state');
		const redirect = (params) => {
			for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
			if (stateParam !== undefined) target.searchParams.set('state', stateParam);
			const relative = !/^[a-z][a-z0-9+.-]*:/i.test(redirectUri);
			const location = relative ? target.pathname + target.search : target.toString();
			return { status: 302, headers: { Location: location, 'Cache-Control': 'no-store' }, body: Buffer.alloc(0) };
		};
		if (single('response_type') !== 'code') return redirect({ error: 'unsupported_response_type' });
		const challenge = single('code_challenge');
		const method = single('code_challenge_method') || (challenge ? 'plain' : undefined);
		if (config.requirePkce && (!challenge || method !== 'S256')) {
			return redirect({ error: 'invalid_request', error_description: 'PKCE with code_challenge_method=S256 is required' });
		}
		if (challenge && !['S256', 'plain'].includes(method)) {
			return redirect({ error: 'invalid_request', error_description: 'Unsupported code_challenge_method' });
		}
		const scopeParam = single('scope') ?? single('scopes') ?? '';
		const scope = scopeParam.split(/[\s,]+/).filter(Boolean).join(' ');
		const code = randomToken(24);
		codes.set(code, {
			clientId,
			redirectUri,
			scope,
			codeChallenge: challenge,
			codeChallengeMethod: challenge ? method : undefined,
			expiresAt: Date.now() + CODE_TTL_MS,
			used: false,
			grantId: null,
		});
		return redirect({ code });
	}

	// --- client authentication -----------------------------------------------------------

	/** Returns {client} or {error: response}. */
	function authenticateClient(ctx, form) {
		const header = ctx.headers.authorization;
		let id;
		let secret;
		let usedBasic = false;
		if (header && /^basic\s+/i.test(header)) {
			usedBasic = true;
			const decoded = Buffer.from(header.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
			const i = decoded.indexOf(':');
			if (i < 0) return { error: oauthError(401, 'invalid_client', 'Malformed Basic credentials') };
			try {
				id = decodeURIComponent(decoded.slice(0, i).replace(/\+/g, ' '));
				secret = decodeURIComponent(decoded.slice(i + 1).replace(/\+/g, ' '));
			} catch {
				return { error: oauthError(401, 'invalid_client', 'Malformed Basic credentials') };
			}
			if (form.client_id !== undefined && form.client_id !== id) {
				return { error: oauthError(400, 'invalid_request', 'client_id does not match the Basic credentials') };
			}
		} else {
			id = form.client_id;
			secret = form.client_secret;
		}
		const challenge = usedBasic ? { 'WWW-Authenticate': 'Basic realm="lexoffice-sandbox"' } : undefined;
		const client = typeof id === 'string' ? clients.get(id) : undefined;
		if (!client) return { error: oauthError(401, 'invalid_client', 'Client authentication failed', challenge) };
		if (client.clientSecret !== undefined && (typeof secret !== 'string' || !safeEqual(secret, client.clientSecret))) {
			return { error: oauthError(401, 'invalid_client', 'Client authentication failed', challenge) };
		}
		return { client };
	}

	// --- /oauth2/token ----------------------------------------------------------------------

	function token(ctx) {
		if (!/^application\/x-www-form-urlencoded\b/i.test(ctx.headers['content-type'] || '')) {
			return oauthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
		}
		const form = ctx.form;
		const dup = Object.keys(form).find((k) => Array.isArray(form[k]));
		if (dup) return oauthError(400, 'invalid_request', `Parameter ${dup} repeated`);
		const auth = authenticateClient(ctx, form);
		if (auth.error) return auth.error;
		const client = auth.client;
		if (!form.grant_type) return oauthError(400, 'invalid_request', 'Missing grant_type');
		if (form.grant_type === 'authorization_code') return exchangeCode(client, form);
		if (form.grant_type === 'refresh_token') return refreshGrant(client, form);
		return oauthError(400, 'unsupported_grant_type');
	}

	function exchangeCode(client, form) {
		if (!form.code) return oauthError(400, 'invalid_request', 'Missing code');
		const rec = codes.get(form.code);
		if (!rec) return oauthError(400, 'invalid_grant', 'Invalid authorization code');
		if (rec.used) {
			if (rec.grantId) revokeGrant(rec.grantId);
			return oauthError(400, 'invalid_grant', 'Authorization code already used');
		}
		if (rec.expiresAt <= Date.now()) return oauthError(400, 'invalid_grant', 'Authorization code expired');
		if (rec.clientId !== client.clientId) return oauthError(400, 'invalid_grant', 'Authorization code was issued to another client');
		if (rec.redirectUri !== form.redirect_uri) return oauthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request');
		if (rec.codeChallenge) {
			const v = form.code_verifier;
			if (!v) return oauthError(400, 'invalid_grant', 'PKCE verification failed');
			const computed = rec.codeChallengeMethod === 'S256' ? sha256Base64Url(v) : v;
			if (!VERIFIER_RE.test(v) || !safeEqual(computed, rec.codeChallenge)) {
				return oauthError(400, 'invalid_grant', 'PKCE verification failed');
			}
		} else if (form.code_verifier) {
			return oauthError(400, 'invalid_grant', 'PKCE verification failed');
		}
		rec.used = true;
		const grant = newGrant(client.clientId, rec.scope, form.code);
		rec.grantId = grant.id;
		return json(200, tokenResponse(grant, issueRefresh(grant)));
	}

	function refreshGrant(client, form) {
		if (!form.refresh_token) return oauthError(400, 'invalid_request', 'Missing refresh_token');
		const rec = refresh.get(form.refresh_token);
		if (!rec) return oauthError(400, 'invalid_grant', 'Invalid refresh token');
		if (rec.expiresAt <= Date.now()) {
			refresh.delete(form.refresh_token);
			return oauthError(400, 'invalid_grant', 'Refresh token expired');
		}
		if (rec.clientId !== client.clientId) return oauthError(400, 'invalid_grant', 'Refresh token was issued to another client');
		const grant = grants.get(rec.grantId);
		let refreshToken = form.refresh_token;
		if (config.rotateRefreshTokens) {
			refresh.delete(form.refresh_token);
			grant.refresh.delete(form.refresh_token);
			refreshToken = issueRefresh(grant);
		}
		return json(200, tokenResponse(grant, refreshToken));
	}

	// --- /oauth2/revoke ---------------------------------------------------------------------

	function revoke(ctx) {
		if (!/^application\/x-www-form-urlencoded\b/i.test(ctx.headers['content-type'] || '')) {
			return oauthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
		}
		const form = ctx.form;
		const auth = authenticateClient(ctx, form);
		if (auth.error) return auth.error;
		if (!form.token || Array.isArray(form.token)) return oauthError(400, 'invalid_request', 'Missing token');
		const r = refresh.get(form.token);
		if (r && r.clientId === auth.client.clientId) revokeGrant(r.grantId);
		const a = access.get(form.token);
		if (a && a.clientId === auth.client.clientId) {
			access.delete(form.token);
			grants.get(a.grantId)?.access.delete(form.token);
		}
		return { status: 200, headers: { 'Cache-Control': 'no-store' }, body: Buffer.alloc(0) };
	}

	/** Out-of-band page lexoffice uses for redirect_uri=/oauth2/code. */
	function codePage(ctx) {
		const code = Array.isArray(ctx.query.code) ? '' : ctx.query.code || '';
		return html(200, code ? `Authorization code: ${code}` : 'No code');
	}

	function handle(ctx) {
		const route = `${ctx.method} ${ctx.path}`;
		switch (route) {
			case 'GET /oauth2/authorize':
				return authorize(ctx);
			case 'POST /oauth2/token':
				return token(ctx);
			case 'POST /oauth2/revoke':
				return revoke(ctx);
			case 'GET /oauth2/code':
				return codePage(ctx);
			default:
				if (['/oauth2/authorize', '/oauth2/token', '/oauth2/revoke', '/oauth2/code'].includes(ctx.path)) {
					return json(405, { error: 'method_not_allowed' }, {});
				}
				return json(404, { error: 'not_found' });
		}
	}

	// --- used by /v1 and the test helpers -----------------------------------------------

	/** Bearer lookup: {ok, clientId, grant} | {ok: false, expired?} | null when not an OAuth token. */
	function lookupAccessToken(tokenValue) {
		const rec = access.get(tokenValue);
		if (!rec) return null;
		if (rec.expiresAt <= Date.now()) return { ok: false, expired: true };
		return { ok: true, clientId: rec.clientId, grant: grants.get(rec.grantId), scope: rec.scope };
	}

	function issueToken({ clientId = config.clients[0]?.clientId, scope = '' } = {}) {
		if (!clientId) throw new Error('issueToken: no OAuth client configured');
		const grant = newGrant(clientId, scope, null);
		return tokenResponse(grant, issueRefresh(grant));
	}

	function expireAllAccessTokens() {
		const past = Date.now() - 1;
		for (const rec of access.values()) rec.expiresAt = past;
	}

	function setAccessTokenTtl(seconds) {
		config.accessTokenTtlSeconds = seconds;
	}

	return { handle, lookupAccessToken, issueToken, expireAllAccessTokens, setAccessTokenTtl, revokeGrant, config };
}

function escapeHtml(s) {
	return String(s).replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);
}

module.exports = { createOAuth };
