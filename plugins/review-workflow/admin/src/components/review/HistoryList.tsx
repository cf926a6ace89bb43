import * as React from 'react';
import { useIntl } from 'react-intl';
import { Box, Flex, TextButton, Typography } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { CHECKLIST_KEYS, errorOf, type AuditEntry, type ReviewState } from '../../api';
import { getTrad } from '../../utils/getTrad';
import type { T } from './useT';
import { SectionHeader } from './parts';

const ACTION_LABELS: Record<string, string> = {
  submit: 'Submitted',
  approve: 'Approved',
  reject: 'Sent back',
  withdraw: 'Withdrawn',
  publish: 'Published',
  unpublish: 'Unpublished',
  invalidate: 'Edited after review',
  'import-approve': 'Approved in the legacy system',
  delete: 'Deleted',
  'publish-refused': 'Publishing refused',
};

/** The audit trail, newest first (five, or all on demand), with the CSV/XLSX export. */
export const HistoryList = ({ state, base, documentId, t }: { state: ReviewState; base: string; documentId: string; t: T }) => {
  const { formatDate, formatTime } = useIntl();
  const [showAllHistory, setShowAllHistory] = React.useState(false);
  const history = [...state.history].reverse();
  const shownHistory = showAllHistory ? history : history.slice(0, 5);
  const stageName = (key: string | null) => {
    if (!key) return '';
    if (key === 'published') return t('stage.published', 'Published');
    return state.stages.find((s) => s.key === key)?.name ?? key;
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <SectionHeader title={t('history.title', 'History')}>
        <ExportLinks base={base} documentId={documentId} />
      </SectionHeader>
      {history.length === 0 ? (
        <Typography variant="pi" textColor="neutral600">
          {t('history.empty', 'No review steps yet.')}
        </Typography>
      ) : (
        <Flex tag="ol" direction="column" alignItems="stretch" gap={0} data-testid="review-history">
          {shownHistory.map((h, i) => (
            <HistoryItem
              key={h.id ?? i}
              entry={h}
              last={i === shownHistory.length - 1}
              actionLabel={t(`action.${h.action}`, ACTION_LABELS[h.action] ?? h.action)}
              actor={
                h.actorRoles?.length
                  ? t('history.actor', '{name} ({roles})', { name: h.actorName || t('history.system', 'System'), roles: h.actorRoles.map((r) => t(`role.${r}`, r)).join(t('history.roleSeparator', ', ')) })
                  : h.actorName || t('history.system', 'System')
              }
              stages={h.fromStage || h.toStage ? `${stageName(h.fromStage)}${h.fromStage ? ' → ' : ''}${stageName(h.toStage)}` : ''}
              when={`${formatDate(h.at, { year: 'numeric', month: '2-digit', day: '2-digit' })} ${formatTime(h.at, { hour: '2-digit', minute: '2-digit' })}`}
              color={h.toStage && h.toStage !== 'published' ? state.stages.find((s) => s.key === h.toStage)?.color : undefined}
              checklistLabel={h.checklist ? t('history.checklist', 'Checklist confirmed ({count}/4)', { count: CHECKLIST_KEYS.filter((k) => h.checklist?.[k]).length }) : undefined}
            />
          ))}
        </Flex>
      )}
      {history.length > 5 && (
        <TextButton onClick={() => setShowAllHistory((v) => !v)}>
          {showAllHistory ? t('history.showLess', 'Show less') : t('history.showAll', 'Show all {count}', { count: history.length })}
        </TextButton>
      )}
    </Flex>
  );
};

interface HistoryItemProps {
  entry: AuditEntry;
  last: boolean;
  actionLabel: string;
  actor: string;
  stages: string;
  when: string;
  color?: string;
  checklistLabel?: string;
}

const HistoryItem = ({ entry, last, actionLabel, actor, stages, when, color, checklistLabel }: HistoryItemProps) => {
  const negative = ['reject', 'withdraw', 'invalidate', 'unpublish', 'publish-refused', 'delete'].includes(entry.action);
  const dot = color ?? (entry.action === 'publish' ? '#328048' : negative ? '#d02b20' : '#8e8ea9');
  return (
    <Flex tag="li" gap={3} alignItems="stretch" data-action={entry.action}>
      <Flex direction="column" alignItems="center" style={{ width: 10, flex: 'none' }}>
        <Box style={{ width: 10, height: 10, borderRadius: '50%', background: dot, marginTop: 4, flex: 'none' }} />
        {!last && <Box background="neutral200" style={{ width: 2, flex: 1, minHeight: 12 }} />}
      </Flex>
      <Flex direction="column" alignItems="stretch" gap={1} paddingBottom={last ? 0 : 3} style={{ minWidth: 0, flex: 1 }}>
        <Flex justifyContent="space-between" gap={2} wrap="wrap">
          <Typography variant="omega" fontWeight="bold" textColor={negative ? 'danger600' : 'neutral800'}>
            {actionLabel}
          </Typography>
          <Typography variant="pi" textColor="neutral500">
            {when}
          </Typography>
        </Flex>
        <Typography variant="pi" textColor="neutral700">
          {actor}
        </Typography>
        {stages && (
          <Typography variant="pi" textColor="neutral600">
            {stages}
          </Typography>
        )}
        {entry.comment && (
          <Box paddingLeft={2} style={{ borderLeft: '2px solid rgba(128,128,160,0.35)' }}>
            <Typography variant="pi" textColor="neutral800" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {entry.comment}
            </Typography>
          </Box>
        )}
        {checklistLabel && (
          <Typography variant="pi" textColor="success600">
            ✓ {checklistLabel}
          </Typography>
        )}
      </Flex>
    </Flex>
  );
};

const ExportLinks = ({ base, documentId }: { base: string; documentId: string }) => {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { formatMessage } = useIntl();
  const download = async (format: 'csv' | 'xlsx') => {
    try {
      const { data } = await get(`${base}/audit`, { params: { format }, responseType: 'blob' });
      const url = URL.createObjectURL(data);
      const a = window.document.createElement('a');
      a.href = url;
      a.download = `audit-${documentId}.${format}`;
      window.document.body.appendChild(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorOf(e).message });
    }
  };
  const label = formatMessage({ id: getTrad('history.export'), defaultMessage: 'Export' });
  return (
    <Flex gap={2}>
      <TextButton startIcon={<Download />} onClick={() => void download('csv')} aria-label={`${label} CSV`}>
        CSV
      </TextButton>
      <TextButton onClick={() => void download('xlsx')} aria-label={`${label} XLSX`}>
        XLSX
      </TextButton>
    </Flex>
  );
};
