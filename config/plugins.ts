import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET'),
    },
  },
  'review-workflow': {
    enabled: true,
    resolve: './plugins/review-workflow',
    config: {},
  },
  'gov-api': { enabled: true, resolve: './plugins/gov-api', config: {} },
  statistics: {
    enabled: true,
    resolve: './plugins/statistics',
    config: {},
  },
  sync: {
    enabled: true,
    resolve: './plugins/sync',
    config: {},
  },
  'requests-admin': { enabled: true, resolve: './plugins/requests-admin' },
  'site-groups': {
    enabled: true,
    resolve: './plugins/site-groups',
    config: {},
  },
  security: { enabled: true, resolve: './plugins/security', config: {} },
  'gov-fields': { enabled: true, resolve: './plugins/gov-fields' },
  upload: {
    config: {
      sizeLimit: env.int('UPLOAD_SIZE_LIMIT', 100 * 1024 * 1024),
      security: {
        allowedTypes: [
          'image/*',
          'application/pdf',
          'application/msword',
          'application/vnd.openxmlformats-officedocument.*',
          'application/vnd.ms-excel',
          'application/ofd',
          'application/zip',
          'text/plain',
          'text/csv',
        ],
        deniedTypes: [
          'image/svg+xml',
          'application/vnd.microsoft.portable-executable',
          'application/x-msdownload',
          'application/x-msdos-program',
          'application/x-executable',
          'application/x-dosexec',
          'application/x-sh',
          'text/x-shellscript',
        ],
      },
    },
  },
});

export default config;
