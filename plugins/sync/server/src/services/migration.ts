import type { Core } from '@strapi/strapi';
import { importItems, type ImportOptions } from '../migration/import';
import { exportOrganization } from '../migration/export';
import { importOrganizations } from '../migration/organizations';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  importItems: (opts: ImportOptions) => importItems(strapi, opts),
  exportOrganization: (orgCode: string) => exportOrganization(strapi, orgCode),
  importOrganizations: (file: string, dryRun = false) => importOrganizations(strapi, file, dryRun),
});
