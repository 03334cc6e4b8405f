'use strict';
// Custom environment URLs: https, or http only on this machine; never credentials in the URL.
const { customUrlProblem } = require('../../dist/nodes/Lexoffice/transport/environments');

describe('customUrlProblem', () => {
	test.each([
		'https://api.example.com',
		'https://sandbox.example.com:8443/base',
		'http://127.0.0.1:5680',
		'http://127.8.9.10',
		'http://localhost:5680/oauth2/token',
		'http://[::1]:5680',
	])('accepts %s', (url) => {
		expect(customUrlProblem(url)).toBeUndefined();
	});

	test.each([
		['http://api.example.com', /only allowed for this machine/, /clear text/],
		['http://10.0.0.5:5680', /only allowed for this machine/, /clear text/],
		['http://localhost.evil.example', /only allowed for this machine/, /clear text/],
		['https://user:pass@api.example.com', /user name or password/, /leak into logs/],
		['http://user@127.0.0.1:5680', /user name or password/, /leak into logs/],
		['ftp://api.example.com', /not supported/, /https/],
		['api.example.com', /is not a URL/, /full URL/],
	])('refuses %s and says why', (url, message, description) => {
		const problem = customUrlProblem(url);
		expect(problem.message).toMatch(message);
		expect(problem.description).toMatch(description);
	});
});
