'use strict';
// The plugin's server code is TypeScript compiled with the app (tsconfig.json → dist/plugins/...).
const mod = require('../../dist/plugins/gov-fields/server/src/index.js');
module.exports = mod.default || mod;
