'use strict';
// n8n loads the node and credential files listed under "n8n" in package.json;
// this entry point only exists so that `require('n8n-nodes-lexoffice')` resolves.
module.exports = {};
