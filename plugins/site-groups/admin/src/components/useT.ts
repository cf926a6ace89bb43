import { makeUseT } from '../../../../admin-kit/admin/src/i18n';
import { PLUGIN_ID } from '../pluginId';

/** The t() every component uses: a message of this plugin with its English default (plugins/admin-kit). */
export const useT = makeUseT(PLUGIN_ID);
