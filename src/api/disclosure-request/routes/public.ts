/**
 * Public side of 依申请公开 (content API → /api/gov/v1/...). `auth: false`: no API token and no
 * Users & Permissions grant needed; protection is validation, per-IP rate limits and the one-time
 * query code (see src/requests/public.ts and docs/requests.md).
 */
export default {
  routes: [
    {
      method: 'POST',
      path: '/gov/v1/requests',
      handler: 'public-request.submit',
      config: { auth: false, policies: [], middlewares: [] },
    },
    {
      method: 'GET',
      path: '/gov/v1/requests/:trackingNo',
      handler: 'public-request.query',
      config: { auth: false, policies: [], middlewares: [] },
    },
  ],
};
