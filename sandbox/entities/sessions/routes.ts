import { bodyObject } from '../../context';
import { defineEntity, NO_AUTH, type EntityHandler } from '../../entity';
import { json } from '../../envelopes';
import { usersApi } from '../users/routes';

const LOGIN_FAILED = 'Authentication failed. Please check your username and password.';

/** Sessions have no model of their own: the TokenRegistry (./model.ts) is the pipeline's too. */
type Handler = EntityHandler<undefined>;

const createSession: Handler = (request, _model, { options, store, tokens, stats }) => {
	const { username, password } = bodyObject(request) ?? {};
	const users = store.model(usersApi);
	const valid =
		typeof username === 'string' &&
		typeof password === 'string' &&
		((username === options.username && password === options.password) ||
			users.isValidPassword(username, password));
	if (!valid) {
		stats.failedLogins += 1;
		// Real BigID answers a failed login with HTTP 200: only the body tells.
		return json(200, { success: false, message: LOGIN_FAILED });
	}
	stats.logins += 1;
	const user = users.findByName(username);
	// A real login moves the user's updated_at: change detection must not trust the timestamp.
	if (user) users.touchLogin(user.id);
	return json(200, { auth_token: tokens.issue(username, 'session'), systemUser: username });
};

const exchangeApiToken: Handler = (request, _model, { options, tokens, stats }) => {
	const { token } = tokens.extractToken(request.headers.authorization);
	if (token !== options.apiToken) {
		stats.rejectedAuth += 1;
		return json(401, { success: false, message: 'Invalid or expired user token' });
	}
	stats.tokenExchanges += 1;
	return json(200, { success: true, systemToken: tokens.issue(options.username, 'system') });
};

export const sessionsApi = defineEntity({
	routes: (route) => [
		route('POST', '/sessions', createSession, NO_AUTH),
		route('GET', '/refresh-access-token', exchangeApiToken, NO_AUTH),
	],
});
