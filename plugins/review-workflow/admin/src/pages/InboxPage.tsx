import * as React from 'react';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { Box, Button, EmptyStateLayout, Flex, Link, LinkButton, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise, ArrowRight } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { editViewPath, errorOf, type InboxEntry } from '../api';
import { StageBadge } from '../components/StageBadge';
import { stagesOf, useReviewConfig } from '../utils/config-store';
import { getTrad } from '../utils/getTrad';

interface ContentTypeInfo {
  uid: string;
  info?: { displayName?: string };
}

const PAGE = 50;

/** Oldest first; entries without a date last. */
export function sortOldestFirst(rows: InboxEntry[]): InboxEntry[] {
  const time = (r: InboxEntry) => (r.since ? new Date(r.since).getTime() : Number.POSITIVE_INFINITY);
  return [...rows].sort((a, b) => time(a) - time(b));
}

/** 待我审核: documents waiting for the current user's roles (GET /review-workflow/inbox). */
const InboxPage = () => {
  const { formatMessage, formatDate, formatTime } = useIntl();
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const config = useReviewConfig();
  const [rows, setRows] = React.useState<InboxEntry[] | null>(null);
  const [typeNames, setTypeNames] = React.useState<Record<string, string>>({});
  const [error, setError] = React.useState(false);
  const [loading, setLoading] = React.useState(false);
  const [stageFilter, setStageFilter] = React.useState<string | null>(null);
  const [limit, setLimit] = React.useState(PAGE);

  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTrad(id), defaultMessage }, values);

  const load = React.useCallback(async () => {
    setLoading(true);
    try {
      const { data } = await get<{ data: InboxEntry[] }>('/review-workflow/inbox');
      setRows(sortOldestFirst(data.data ?? []));
      setError(false);
    } catch (e) {
      setError(true);
      toggleNotification({ type: 'danger', message: errorOf(e).message });
    } finally {
      setLoading(false);
    }
  }, [get, toggleNotification]);

  React.useEffect(() => {
    void load();
    get<{ data: ContentTypeInfo[] }>('/content-manager/content-types')
      .then(({ data }) => setTypeNames(Object.fromEntries((data.data ?? []).map((ct) => [ct.uid, ct.info?.displayName ?? ct.uid]))))
      .catch(() => undefined);
  }, [load, get]);

  const age = (hours: number | null) => {
    if (hours === null || hours === undefined) return '-';
    if (hours < 1) return t('inbox.age.lessThanHour', 'under 1 hour');
    if (hours < 24) return t('inbox.age.hours', '{count} h', { count: hours });
    const days = Math.floor(hours / 24);
    const rest = hours % 24;
    return rest ? t('inbox.age.daysHours', '{days} d {hours} h', { days, hours: rest }) : t('inbox.age.days', '{count} d', { count: days });
  };
  const stageColor = (uid: string, key: string) => stagesOf(config, uid).find((s) => s.key === key)?.color ?? '#8e8ea9';

  const title = t('inbox.title', 'Awaiting my review');
  const stageGroups = React.useMemo(() => {
    const groups = new Map<string, { key: string; name: string; color: string; count: number }>();
    for (const r of rows ?? []) {
      const g = groups.get(r.stage) ?? { key: r.stage, name: r.stageName, color: stageColor(r.uid, r.stage), count: 0 };
      g.count++;
      groups.set(r.stage, g);
    }
    return [...groups.values()];
  }, [rows, config]);
  const filtered = (rows ?? []).filter((r) => !stageFilter || r.stage === stageFilter);
  const shown = filtered.slice(0, limit);

  if (error && !rows) {
    return (
      <Page.Main>
        <Page.Title>{title}</Page.Title>
        <Page.Error />
      </Page.Main>
    );
  }
  if (!rows) {
    return <Page.Loading />;
  }

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('inbox.subtitle', '{count, plural, =0 {Nothing waits for your roles} other {# documents wait for your roles, oldest first}}', { count: rows.length })}
        primaryAction={
          <Button variant="secondary" startIcon={<ArrowClockwise />} onClick={() => void load()} loading={loading}>
            {t('inbox.refresh', 'Refresh')}
          </Button>
        }
      />
      <Layouts.Content>
        {rows.length === 0 ? (
          <Box background="neutral0" shadow="filterShadow" hasRadius>
            <EmptyStateLayout content={t('inbox.empty', 'No documents are waiting for your review.')} hasRadius />
          </Box>
        ) : (
          <Flex direction="column" alignItems="stretch" gap={4}>
            {stageGroups.length > 1 && (
              <Flex gap={2} wrap="wrap" role="group" aria-label={t('inbox.filter', 'Filter by stage')}>
                <Button size="S" variant={stageFilter === null ? 'secondary' : 'tertiary'} onClick={() => { setStageFilter(null); setLimit(PAGE); }}>
                  {t('inbox.filter.all', 'All ({count})', { count: rows.length })}
                </Button>
                {stageGroups.map((g) => (
                  <Button
                    key={g.key}
                    size="S"
                    variant={stageFilter === g.key ? 'secondary' : 'tertiary'}
                    onClick={() => { setStageFilter(g.key); setLimit(PAGE); }}
                    startIcon={<Box tag="span" style={{ width: 8, height: 8, borderRadius: '50%', background: g.color, display: 'inline-block' }} />}
                    data-stage={g.key}
                  >
                    {`${g.name} (${g.count})`}
                  </Button>
                ))}
              </Flex>
            )}
            <Table colCount={6} rowCount={shown.length + 1}>
              <Thead>
                <Tr>
                  <Th>
                    <Typography variant="sigma">{t('inbox.col.title', 'Title')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('inbox.col.type', 'Type')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('inbox.col.stage', 'Stage')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('inbox.col.since', 'In this stage since')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('inbox.col.age', 'Waiting')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('inbox.col.open', 'Open')}</Typography>
                  </Th>
                </Tr>
              </Thead>
              <Tbody>
                {shown.map((r) => {
                  const to = editViewPath(r.uid, r.documentId);
                  const hours = r.ageHours ?? null;
                  return (
                    <Tr key={`${r.uid}:${r.documentId}`} data-document-id={r.documentId}>
                      <Td style={{ maxWidth: '40rem' }}>
                        <Link tag={RouterLink} to={to}>
                          <Typography ellipsis textColor="primary600" fontWeight="semiBold">
                            {r.title || r.documentId}
                          </Typography>
                        </Link>
                        {r.submittedByMe && (
                          <Typography variant="pi" textColor="neutral500" tag="div">
                            {t('inbox.submittedByMe', 'Submitted by you (four eyes: someone else approves)')}
                          </Typography>
                        )}
                      </Td>
                      <Td>
                        <Typography textColor="neutral800">{typeNames[r.uid] ?? r.uid}</Typography>
                      </Td>
                      <Td>
                        <StageBadge name={r.stageName} color={stageColor(r.uid, r.stage)} size="S" />
                      </Td>
                      <Td>
                        <Typography textColor="neutral800">
                          {r.since ? `${formatDate(r.since, { year: 'numeric', month: '2-digit', day: '2-digit' })} ${formatTime(r.since, { hour: '2-digit', minute: '2-digit' })}` : '-'}
                        </Typography>
                      </Td>
                      <Td>
                        <Typography fontWeight="bold" textColor={hours !== null && hours >= 72 ? 'danger600' : hours !== null && hours >= 24 ? 'warning600' : 'neutral800'}>
                          {age(hours)}
                        </Typography>
                      </Td>
                      <Td>
                        <Flex>
                          <LinkButton tag={RouterLink} to={to} variant="tertiary" size="S" endIcon={<ArrowRight />}>
                            {t('inbox.review', 'Review')}
                          </LinkButton>
                        </Flex>
                      </Td>
                    </Tr>
                  );
                })}
              </Tbody>
            </Table>
            {filtered.length > shown.length && (
              <Flex justifyContent="center">
                <Button variant="tertiary" onClick={() => setLimit((l) => l + PAGE)}>
                  {t('inbox.more', 'Show more ({count} left)', { count: filtered.length - shown.length })}
                </Button>
              </Flex>
            )}
          </Flex>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};

export { InboxPage };
export default InboxPage;
