import { Badge, Flex, Typography } from '@strapi/design-system';
import type { ClockState } from '../api';
import { makeUseT } from '../../../../admin-kit/admin/src/i18n';
import { PLUGIN_ID } from '../pluginId';

/** The t() every component uses: a message of this plugin with its English default (plugins/admin-kit). */
export const useT = makeUseT(PLUGIN_ID);

const STATUS_VARIANT: Record<string, 'success' | 'primary' | 'danger' | 'warning' | 'neutral' | 'secondary' | 'alternative'> = {
  已登记: 'neutral',
  办理中: 'primary',
  待补正: 'warning',
  暂停计时: 'secondary',
  已答复: 'alternative',
  已办结: 'success',
};

/** 办理状态 as a coloured badge (the stored Chinese value, translated in the English admin). */
export const StatusBadge = ({ status }: { status: string | null | undefined }) => {
  const t = useT();
  if (!status) return <Typography textColor="neutral500">-</Typography>;
  return (
    <Badge variant={STATUS_VARIANT[status] ?? 'neutral'} size="S" data-status={status}>
      {t(`status.${status}`, status)}
    </Badge>
  );
};

/** 暂定: a due date computed Monday–Friday because the State Council notice of that year is not known yet. */
export const ProvisionalBadge = () => {
  const t = useT();
  return (
    <Badge variant="warning" size="S" title={t('due.provisionalHint', 'The calendar of that year is not published yet: counted Monday to Friday, recomputed when it is')} data-testid="provisional-badge">
      {t('due.provisional', 'Provisional')}
    </Badge>
  );
};

/** The due date, with 暂定 when it is provisional. */
export const DueDate = ({ dueDate, provisional, emphasis }: { dueDate: string | null; provisional: boolean; emphasis?: 'danger' }) => {
  const t = useT();
  if (!dueDate) return <Typography textColor="neutral500">{t('due.none', 'none for now')}</Typography>;
  return (
    <Flex gap={2} wrap="wrap">
      <Typography textColor={emphasis === 'danger' ? 'danger600' : 'neutral800'} fontWeight="semiBold" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {dueDate}
      </Typography>
      {provisional && <ProvisionalBadge />}
    </Flex>
  );
};

/** Is the request late right now (not answered and past its due date)? Those rows are shown in red. */
export const isOverdueNow = (r: { overdue: boolean; state: ClockState }) => r.overdue && r.state !== 'replied' && r.state !== 'closed';

/**
 * Working days left, as the server counts them (docs/requests.md §1: 0 = due today, negative = late;
 * once replied/closed, counted from the reply day).
 */
export const DaysLeft = ({ daysLeft, overdue, state, dueDate }: { daysLeft: number | null; overdue: boolean; state: ClockState; dueDate: string | null }) => {
  const t = useT();
  const line = (text: string, color: string, bold = false, testId = 'days-left') => (
    <Typography textColor={color} fontWeight={bold ? 'bold' : 'regular'} data-testid={testId} style={{ whiteSpace: 'nowrap' }}>
      {text}
    </Typography>
  );
  if (state === 'awaitingCorrection') return line(t('days.awaitingCorrection', 'awaiting correction, clock stopped'), 'warning600');
  if (state === 'replied' || state === 'closed') {
    if (daysLeft === null || !dueDate) return line(t('days.answered', 'answered'), 'neutral600');
    return overdue
      ? line(t('days.answeredLate', 'answered {days} working days late', { days: -daysLeft }), 'danger600', true)
      : line(t('days.answeredOnTime', 'answered on time'), 'success600');
  }
  if (daysLeft === null) return line('-', 'neutral500');
  if (state === 'paused' && !dueDate) return line(t('days.paused', 'clock paused, {days} working days left', { days: daysLeft }), 'secondary600');
  if (overdue || daysLeft < 0) return line(t('days.overdue', '{days} working days overdue', { days: Math.abs(daysLeft) }), 'danger600', true);
  if (daysLeft === 0) return line(t('days.today', 'due today'), 'danger600', true);
  return line(t('days.left', '{days} working days left', { days: daysLeft }), daysLeft <= 5 ? 'warning600' : 'neutral800', daysLeft <= 5);
};
