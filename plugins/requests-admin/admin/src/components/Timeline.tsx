import * as React from 'react';
import { Badge, Box, Button, Dialog, Flex, IconButton, Typography } from '@strapi/design-system';
import { Clock as ClockIcon, Trash, WarningCircle } from '@strapi/icons';
import type { DueDateChange, RequestEvent, Timeline as TimelineData } from '../api';
import { resultLabel } from '../domain';
import { chinaDateTime } from '../../../../admin-kit/admin/src/dates';
import { useT } from './ClockBits';

type Entry = { kind: 'event'; date: string; order: number; event: RequestEvent } | { kind: 'due'; date: string; order: number; change: DueDateChange };

/** Events and due-date changes in one chronological list (a change comes after the event of its day). */
export function mergeTimeline(data: TimelineData): Entry[] {
  const entries: Entry[] = [
    ...data.events.map((event, i) => ({ kind: 'event' as const, date: event.date, order: i, event })),
    ...data.dueDateHistory.map((change, i) => ({ kind: 'due' as const, date: change.date, order: 1000 + i, change })),
  ];
  return entries.sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order);
}

const Dot = ({ color }: { color: string }) => (
  <Box
    background={color}
    style={{ width: 12, height: 12, borderRadius: '50%', position: 'absolute', left: -7, top: 6, boxShadow: '0 0 0 3px white' }}
    aria-hidden
  />
);

/** 办理记录: the events of a request and the history of its due date (GET …/timeline). */
export const Timeline = ({ data, onDelete, deleting, error }: { data: TimelineData; onDelete: (e: RequestEvent) => Promise<void>; deleting: string | null; error: string | null }) => {
  const t = useT();
  const [confirm, setConfirm] = React.useState<RequestEvent | null>(null);
  const entries = mergeTimeline(data);

  const details = (e: RequestEvent): string[] => {
    const out: string[] = [];
    if (e.days !== undefined && e.days !== null) {
      const key = e.type === 'extended' ? 'event.days.extended' : e.type === 'correctionRequested' ? 'event.days.correction' : e.type === 'consultationSent' ? 'event.days.consultation' : 'event.days.fee';
      out.push(t(key, '{days} working days', { days: e.days }));
    }
    if (e.approvedBy) out.push(t('event.approvedBy', 'approved by {name}', { name: e.approvedBy }));
    if (e.type === 'extended') {
      out.push(
        e.applicantNotified === true
          ? t('event.notified', 'applicant told')
          : typeof e.applicantNotified === 'string'
            ? t('event.notifiedOn', 'applicant told on {date}', { date: e.applicantNotified })
            : t('event.notNotified', 'applicant not told yet'),
      );
    }
    if (e.resultKey) out.push(t('event.result', 'result: {result}', { result: resultLabel(e.resultKey) }));
    if (e.paidAt) out.push(t('event.paidAt', 'paid on {date}', { date: e.paidAt }));
    return out;
  };

  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={6} tag="section" aria-labelledby="requests-timeline-title" data-testid="timeline">
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="delta" tag="h2" id="requests-timeline-title">
          {t('timeline.title', 'Timeline')}
        </Typography>
        {error && (
          <Box background="danger100" hasRadius padding={3} role="alert" data-testid="timeline-error">
            <Typography textColor="danger700">{error}</Typography>
          </Box>
        )}
        {entries.length === 0 ? (
          <Typography textColor="neutral600">{t('timeline.empty', 'Nothing recorded yet.')}</Typography>
        ) : (
          <Box tag="ol" style={{ borderLeft: '2px solid #dcdce4', marginLeft: 6, listStyle: 'none' }}>
            {entries.map((entry, i) => (
              <Box tag="li" key={`${entry.kind}-${i}`} paddingLeft={5} paddingBottom={4} position="relative" data-kind={entry.kind} data-type={entry.kind === 'event' ? entry.event.type : undefined}>
                {entry.kind === 'event' ? (
                  <>
                    <Dot color={entry.event.type === 'closed' ? 'success500' : entry.event.type === 'replied' ? 'alternative500' : 'primary600'} />
                    <Flex justifyContent="space-between" alignItems="flex-start" gap={2}>
                      <Flex direction="column" alignItems="flex-start" gap={1}>
                        <Flex gap={2} wrap="wrap">
                          <Typography variant="omega" textColor="neutral600" style={{ fontVariantNumeric: 'tabular-nums' }}>
                            {entry.event.date}
                          </Typography>
                          <Typography fontWeight="bold" textColor="neutral800">
                            {t(`eventType.${entry.event.type}`, entry.event.label)}
                          </Typography>
                        </Flex>
                        {details(entry.event).length > 0 && <Typography textColor="neutral700">{details(entry.event).join('；')}</Typography>}
                        {entry.event.note && (
                          <Typography textColor="neutral700" style={{ whiteSpace: 'pre-wrap' }}>
                            {entry.event.note}
                          </Typography>
                        )}
                        {(entry.event.recordedBy || entry.event.recordedAt) && (
                          <Typography variant="pi" textColor="neutral500">
                            {t('event.recorded', 'recorded by {by} at {at}', { by: entry.event.recordedBy ?? '-', at: chinaDateTime(entry.event.recordedAt) || '-' })}
                          </Typography>
                        )}
                      </Flex>
                      {entry.event.id && (
                        <IconButton
                          label={t('event.delete', 'Delete this record')}
                          variant="ghost"
                          size="S"
                          onClick={() => setConfirm(entry.event)}
                          disabled={deleting === entry.event.id}
                        >
                          <Trash />
                        </IconButton>
                      )}
                    </Flex>
                  </>
                ) : (
                  <>
                    <Dot color="neutral400" />
                    <Flex direction="column" alignItems="flex-start" gap={1}>
                      <Flex gap={2} wrap="wrap">
                        <Typography variant="omega" textColor="neutral600" style={{ fontVariantNumeric: 'tabular-nums' }}>
                          {entry.change.date}
                        </Typography>
                        <ClockIcon width="1.4rem" height="1.4rem" fill="neutral600" aria-hidden />
                        <Typography fontWeight="semiBold" textColor="neutral700" data-testid="due-change">
                          {entry.change.dueDate
                            ? t('timeline.dueChange', 'Due date: {date}', { date: entry.change.dueDate })
                            : t('timeline.dueNone', 'No due date for now')}
                        </Typography>
                        {entry.change.recalculated && (
                          <Badge size="S" variant="secondary">
                            {t('timeline.recalculated', 'recomputed after a calendar change')}
                          </Badge>
                        )}
                      </Flex>
                      <Typography variant="pi" textColor="neutral600">
                        {entry.change.reason}
                      </Typography>
                    </Flex>
                  </>
                )}
              </Box>
            ))}
          </Box>
        )}
      </Flex>

      <Dialog.Root open={confirm !== null} onOpenChange={(o) => !o && setConfirm(null)}>
        <Dialog.Content>
          <Dialog.Header>{t('event.deleteTitle', 'Delete a record')}</Dialog.Header>
          <Dialog.Body icon={<WarningCircle fill="danger600" />}>
            <Typography textAlign="center">
              {confirm &&
                t('event.deleteConfirm', 'Delete “{label}” of {date}? Use this only for a record entered by mistake; the due date and the status are recomputed.', {
                  label: t(`eventType.${confirm.type}`, confirm.label),
                  date: confirm.date,
                })}
            </Typography>
          </Dialog.Body>
          <Dialog.Footer>
            <Dialog.Cancel>
              <Button fullWidth variant="tertiary">
                {t('common.cancel', 'Cancel')}
              </Button>
            </Dialog.Cancel>
            <Button
              fullWidth
              variant="danger-light"
              onClick={async () => {
                if (!confirm) return;
                await onDelete(confirm); // an error is shown above the timeline
                setConfirm(null);
              }}
            >
              {t('event.deleteAction', 'Delete')}
            </Button>
          </Dialog.Footer>
        </Dialog.Content>
      </Dialog.Root>
    </Box>
  );
};
