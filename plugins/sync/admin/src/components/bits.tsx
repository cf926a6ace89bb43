import * as React from 'react';
import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import type { DeliveryStatus } from '../api';
import { makeUseT } from '../../../../admin-kit/admin/src/i18n';
import { PLUGIN_ID } from '../pluginId';

/** The t() every component uses: a message of this plugin with its English default (plugins/admin-kit). */
export const useT = makeUseT(PLUGIN_ID);

/** The page refreshes itself every few seconds (the worker delivers in the background). */
export const REFRESH_MS = 3000;

/** Re-renders every `ms` (for ages such as “3 minutes” that grow between refreshes). */
export function useNow(ms = 1000) {
  const [now, setNow] = React.useState(() => Date.now());
  React.useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** A time in China Standard Time, e.g. 2025-06-01 08:00:05. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '-';
  const d = new Date(Date.parse(iso) + 8 * 3600e3);
  if (Number.isNaN(d.getTime())) return '-';
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** “3 分钟” / “3 minutes”: how long ago (or how far ahead, for a negative difference shown as 0). */
export function useAge() {
  const t = useT();
  return React.useCallback(
    (iso: string | null | undefined, now: number): string => {
      if (!iso) return '-';
      const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
      if (s < 60) return t('age.seconds', '{n} s', { n: s });
      if (s < 3600) return t('age.minutes', '{n} min', { n: Math.floor(s / 60) });
      if (s < 86400) return t('age.hours', '{n} h', { n: Math.floor(s / 3600) });
      return t('age.days', '{n} d', { n: Math.floor(s / 86400) });
    },
    [t]
  );
}

const STATUS_VARIANT: Record<DeliveryStatus, 'success' | 'primary' | 'danger' | 'warning' | 'neutral' | 'secondary'> = {
  pending: 'warning',
  in_flight: 'primary',
  delivered: 'success',
  dead: 'danger',
  skipped: 'neutral',
};

export const StatusBadge = ({ status, retrying }: { status: DeliveryStatus; retrying?: boolean }) => {
  const t = useT();
  return (
    <Badge variant={STATUS_VARIANT[status] ?? 'neutral'} size="S" data-status={status}>
      {retrying ? t('status.retrying', 'Retrying') : t(`status.${status}`, status)}
    </Badge>
  );
};

/** A headline figure: a label, a big value and a line below it. */
export const Figure = ({ label, value, hint, tone, testId, small }: { label: string; value: React.ReactNode; hint?: React.ReactNode; tone?: 'danger' | 'warning' | 'success'; testId?: string; small?: boolean }) => (
  <Box background="neutral0" hasRadius shadow="tableShadow" padding={5} height="100%" data-testid={testId}>
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Typography variant="sigma" textColor="neutral600">
        {label}
      </Typography>
      <Typography variant={small ? 'beta' : 'alpha'} tag="p" textColor={tone ? `${tone}600` : 'neutral800'} data-testid={testId ? `${testId}-value` : undefined} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Typography>
      {hint ? (
        <Typography variant="pi" textColor="neutral600">
          {hint}
        </Typography>
      ) : null}
    </Flex>
  </Box>
);

/** A line of the target's settings. */
export const Info = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <Flex direction="column" alignItems="flex-start" gap={1}>
    <Typography variant="sigma" textColor="neutral600">
      {label}
    </Typography>
    <Typography textColor="neutral800" style={{ wordBreak: 'break-all' }}>
      {children ?? '-'}
    </Typography>
  </Flex>
);
