import { useCallback, useEffect, useState } from 'react';
import { Box, Button, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Link as RouterLink } from 'react-router-dom';
import { messageOf, type AuthStatus, type TotpSetup } from './api';

/**
 * 账号安全: the second factor of the signed-in admin (enrol with the secret / otpauth URL shown as text, enable
 * with a code, disable with a code) and the code prompt of a login whose second factor is pending.
 */
export function AccountSecurityPage() {
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [status, setStatus] = useState<AuthStatus | null>(null);
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const { data } = await get<{ data: AuthStatus }>('/security/me');
    setStatus(data.data);
  }, [get]);
  useEffect(() => {
    load().catch((e) => setError(messageOf(e, '无法读取账号安全状态')));
  }, [load]);

  const call = async (path: string, success: string, after?: (data: any) => void) => {
    setBusy(true);
    setError(null);
    try {
      const { data } = await post<{ data: unknown }>(path, path.endsWith('/setup') ? {} : { code });
      after?.(data.data);
      setCode('');
      if (success) toggleNotification({ type: 'success', message: success });
      await load();
    } catch (e) {
      setError(messageOf(e, '操作失败'));
    } finally {
      setBusy(false);
    }
  };

  const codeField = (
    <Field.Root name="code" error={error ?? undefined}>
      <Field.Label>动态口令（认证器上的 6 位数字）</Field.Label>
      <TextInput value={code} inputMode="numeric" autoComplete="one-time-code" onChange={(e: React.ChangeEvent<HTMLInputElement>) => setCode(e.target.value)} />
      <Field.Error />
    </Field.Root>
  );

  return (
    <Page.Main>
      <Page.Title>账号安全</Page.Title>
      <Layouts.Header title="账号安全" subtitle="口令有效期与双因素认证（等保 2.0 身份鉴别）" />
      <Layouts.Content>
        <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
          {!status ? (
            <Typography>{error ?? '加载中…'}</Typography>
          ) : (
            <Flex direction="column" alignItems="stretch" gap={4}>
              {status.passwordExpiresAt && (
                <Typography>
                  口令有效期至：{new Date(status.passwordExpiresAt).toLocaleString('zh-CN')}
                  {status.passwordExpired && '（已过期，请先'}
                  {status.passwordExpired && <RouterLink to="/me">修改口令</RouterLink>}
                  {status.passwordExpired && '）'}
                </Typography>
              )}
              {status.totpPending ? (
                <>
                  <Typography variant="delta">请完成双因素认证</Typography>
                  {codeField}
                  <Button disabled={busy} onClick={() => call('/security/totp/verify', '双因素认证已通过')}>验证</Button>
                </>
              ) : status.totpEnabled ? (
                <>
                  <Typography variant="delta">双因素认证：已启用</Typography>
                  {codeField}
                  <Button variant="danger-light" disabled={busy || status.totpRequired} onClick={() => call('/security/totp/disable', '已停用双因素认证')}>停用双因素认证</Button>
                  {status.totpRequired && <Typography textColor="neutral600">按安全策略，超级管理员必须启用双因素认证。</Typography>}
                </>
              ) : (
                <>
                  <Typography variant="delta">双因素认证：未启用{status.totpRequired ? '（按安全策略必须启用）' : ''}</Typography>
                  {!setup ? (
                    <Button disabled={busy} onClick={() => call('/security/totp/setup', '', setSetup)}>生成密钥</Button>
                  ) : (
                    <>
                      <Typography>在认证器应用（如 Google Authenticator、FreeOTP、微信小程序“腾讯身份验证器”）中手动添加以下密钥，或用能识别 otpauth 链接的工具生成二维码。密钥只显示这一次。</Typography>
                      <Typography fontWeight="bold" style={{ wordBreak: 'break-all' }}>密钥：{setup.secret}</Typography>
                      <Typography style={{ wordBreak: 'break-all' }}>链接：{setup.otpauthUrl}</Typography>
                      {codeField}
                      <Button disabled={busy} onClick={() => call('/security/totp/enable', '已启用双因素认证', () => setSetup(null))}>启用</Button>
                    </>
                  )}
                </>
              )}
            </Flex>
          )}
        </Box>
      </Layouts.Content>
    </Page.Main>
  );
}
