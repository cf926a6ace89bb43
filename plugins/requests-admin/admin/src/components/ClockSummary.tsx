import { Box, Flex, Grid, Typography } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import type { Clock } from '../api';
import { resultLabel } from '../domain';
import { DaysLeft, DueDate, StatusBadge, isOverdueNow, useT } from './ClockBits';

const Figure = ({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) => (
  <Flex direction="column" alignItems="flex-start" gap={1} data-testid={testId}>
    <Typography variant="sigma" textColor="neutral600">
      {label}
    </Typography>
    {children}
  </Flex>
);

/** The live clock of one request (GET …/clock): due date, days left, pauses, extension, warnings. */
export const ClockSummary = ({ clock, status, receivedDate }: { clock: Clock; status: string; receivedDate: string }) => {
  const t = useT();
  const late = isOverdueNow(clock);
  const ext = clock.extension;
  return (
    <Box
      background={late ? 'danger100' : 'neutral0'}
      borderColor={late ? 'danger200' : undefined}
      hasRadius
      shadow="tableShadow"
      padding={6}
      tag="section"
      aria-label={t('clock.title', 'Clock')}
      data-testid="clock-summary"
      data-overdue={late ? 'true' : 'false'}
    >
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Grid.Root gap={4} gridCols={12}>
          <Grid.Item col={3} s={6} xs={12}>
            <Figure label={t('clock.dueDate', 'Due date')} testId="clock-due">
              <Box paddingTop={1}>
                <DueDate dueDate={clock.dueDate} provisional={clock.dueDateProvisional} emphasis={late ? 'danger' : undefined} />
              </Box>
            </Figure>
          </Grid.Item>
          <Grid.Item col={3} s={6} xs={12}>
            <Figure label={t('clock.daysLeft', 'Working days left')}>
              <DaysLeft daysLeft={clock.daysLeft} overdue={clock.overdue} state={clock.state} dueDate={clock.dueDate} />
            </Figure>
          </Grid.Item>
          <Grid.Item col={2} s={6} xs={12}>
            <Figure label={t('clock.status', 'Status')}>
              <StatusBadge status={status} />
            </Figure>
          </Grid.Item>
          <Grid.Item col={4} s={6} xs={12}>
            <Figure label={t('clock.counting', 'Counting')}>
              <Typography textColor="neutral800">
                {t('clock.countingValue', 'received {received}; {days} working days from {start}', {
                  received: receivedDate,
                  days: clock.allowedWorkingDays,
                  start: clock.clockStart ?? '-',
                })}
              </Typography>
              {clock.pausedWorkingDays > 0 && (
                <Typography variant="pi" textColor="neutral600">
                  {t('clock.paused', '{days} working days not counted (consultation, art. 33 para. 3)', { days: clock.pausedWorkingDays })}
                </Typography>
              )}
              {ext && (
                <Typography variant="pi" textColor="neutral600" data-testid="clock-extension">
                  {t('clock.extension', 'Extended by {days} working days on {date}, approved by {by}; applicant told: {told}', {
                    days: ext.days,
                    date: ext.approvedAt,
                    by: ext.approvedBy ?? t('clock.notRecorded', 'not recorded'),
                    told: ext.applicantNotified ? (ext.applicantNotifiedAt ?? t('clock.yes', 'yes')) : t('clock.notRecorded', 'not recorded'),
                  })}
                </Typography>
              )}
            </Figure>
          </Grid.Item>
        </Grid.Root>
        {clock.suggestedOutcome && (
          <Typography variant="omega" textColor="warning700" data-testid="clock-suggested">
            {t('clock.suggested', 'The applicant let a period lapse: the request may be closed as “{result}”.', { result: resultLabel(clock.suggestedOutcome) })}
          </Typography>
        )}
        {clock.warnings.length > 0 && (
          <Flex direction="column" alignItems="stretch" gap={1} tag="ul" data-testid="clock-warnings">
            {clock.warnings.map((w) => (
              <Flex key={w} tag="li" gap={2} alignItems="flex-start">
                <Box paddingTop={1}>
                  <WarningCircle width="1.4rem" height="1.4rem" fill={/超过答复期限/.test(w) ? 'danger600' : 'warning600'} aria-hidden />
                </Box>
                <Typography textColor={/超过答复期限/.test(w) ? 'danger700' : 'warning700'}>{w}</Typography>
              </Flex>
            ))}
          </Flex>
        )}
      </Flex>
    </Box>
  );
};
