import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Lock } from '@strapi/icons';
import { AUTH_PAGE, type AuthStatus } from './api';

/**
 * The menu icon of the 账号安全 page, which is also the session guard of the admin panel: the left menu is on
 * every page of a signed-in admin, so this asks GET /security/me on every navigation and sends the user
 *  - to the 账号安全 page when the second factor is pending or (super admins, when required) not enrolled;
 *  - to the profile page (/admin/me) when the password has expired,
 * with a Chinese notice. The server refuses everything else anyway (403 TOTP_REQUIRED / PASSWORD_EXPIRED).
 */
export function AuthGuardIcon(props: Record<string, unknown>) {
  const { get } = useFetchClient();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { toggleNotification } = useNotification();
  useEffect(() => {
    let live = true;
    get<{ data: AuthStatus }>('/security/me')
      .then(({ data }) => {
        if (!live) return;
        const s = data.data;
        if (s.totpPending || (s.totpRequired && !s.totpEnabled)) {
          if (!pathname.endsWith(`/${AUTH_PAGE}`)) {
            toggleNotification({ type: 'warning', message: s.totpPending ? '请先输入认证器上的动态口令，完成双因素认证' : '按安全策略，超级管理员须先启用双因素认证' });
            navigate(`/${AUTH_PAGE}`);
          }
        } else if (s.passwordExpired && !pathname.endsWith('/me')) {
          toggleNotification({ type: 'warning', message: '口令已过期，请先在个人资料中修改口令' });
          navigate('/me');
        }
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pathname]);
  return <Lock {...props} />;
}
