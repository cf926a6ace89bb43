import { SealCheck } from '@strapi/icons';
import { useReviewConfig } from '../utils/config-store';

/**
 * Icon of the 待我审核 menu link. The menu is mounted on every page after login, so it also loads
 * the plugin config early — the list-view column hook is synchronous and reads it from the cache.
 */
export const MenuIcon = (props: React.SVGProps<SVGSVGElement>) => {
  useReviewConfig();
  return <SealCheck {...props} />;
};
