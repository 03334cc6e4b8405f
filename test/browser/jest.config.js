'use strict';

/**
 * The browser suite: a real n8n editor in Chromium (test/browser/*.browser.js).
 *   npx jest -c test/browser/jest.config.js     (after `npm run build`)
 * One n8n, one sandbox and one Chromium for all files (global-setup.js); files run one
 * after the other because they share them.
 */
const path = require('node:path');

module.exports = {
	rootDir: path.resolve(__dirname, '..', '..'),
	roots: ['<rootDir>/test/browser'],
	testMatch: ['**/*.browser.js'],
	testEnvironment: 'node',
	globalSetup: '<rootDir>/test/browser/global-setup.js',
	globalTeardown: '<rootDir>/test/browser/global-teardown.js',
	testTimeout: 120000,
	maxWorkers: 1,
};
