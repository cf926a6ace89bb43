'use strict';
// Admin-only plugin: the 依申请公开 routes it calls are served by the app itself (src/requests/admin-routes.ts).
module.exports = { register() {}, bootstrap() {} };
