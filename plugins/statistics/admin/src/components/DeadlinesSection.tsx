import * as React from 'react';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { Box, Flex, Grid, Link, Status, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { editViewPath, UID, type Deadlines } from '../api';
import { addDays, daysBetween } from '../../../../admin-kit/admin/src/dates';
import { getTrad } from '../utils/getTrad';

interface Props {
  deadlines: Deadlines | null;
  /** 动态要闻类 columns fail after this many days without an update (server config). */
  newsStaleDays: number;
  orgChosen: boolean;
  error: string | null;
}

const LIMIT = 8;

/** Upcoming deadlines: requests due this week, news columns about to go stale, the annual report (第四十九条). */
export const DeadlinesSection = ({ deadlines, newsStaleDays, orgChosen, error }: Props) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTrad(id), defaultMessage }, values);
  const today = deadlines?.today ?? '';
  const left = (day: string) => {
    const n = daysBetween(today, day);
    if (n <= 0) return { text: t('deadlines.today', 'due today'), tone: 'danger600' };
    if (n === 1) return { text: t('deadlines.tomorrow', 'due tomorrow'), tone: 'danger600' };
    return { text: t('deadlines.inDays', 'in {count} days', { count: n }), tone: n <= 3 ? 'warning600' : 'neutral700' };
  };
  const report = deadlines?.annualReport ?? null;
  const requestOwners = useOwners(UID.request, deadlines?.requestsDueThisWeek.slice(0, LIMIT).map((r) => r.documentId));
  const nodeOwners = useOwners(UID.node, deadlines?.nodesAboutToGoStale.slice(0, LIMIT).map((n) => n.documentId));

  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={6} tag="section" aria-labelledby="statistics-deadlines-title" data-testid="statistics-deadlines">
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="delta" tag="h2" id="statistics-deadlines-title">
          {t('deadlines.title', 'Upcoming deadlines')}
        </Typography>
        {error ? <Typography textColor="danger600">{error}</Typography> : null}
        <Grid.Root gap={4}>
          <Grid.Item col={4} s={12} direction="column" alignItems="stretch" data-testid="statistics-requests-due">
            <Block title={t('deadlines.requests', 'Requests due this week')} count={deadlines?.requestsDueThisWeek.length}>
              {deadlines && deadlines.requestsDueThisWeek.length === 0 ? (
                <Empty>{t('deadlines.requests.none', 'No open request is due in the next 7 days.')}</Empty>
              ) : (
                <List>
                  {deadlines?.requestsDueThisWeek.slice(0, LIMIT).map((r) => {
                    const l = left(r.dueDate);
                    return (
                      <Row key={r.documentId}>
                        <Link tag={RouterLink} to={editViewPath(UID.request, r.documentId)}>
                          {r.trackingNo || r.documentId}
                        </Link>
                        <Typography variant="pi" textColor={l.tone}>
                          {`${r.dueDate} · ${l.text}`}
                        </Typography>
                        {requestOwners[r.documentId] ? (
                          <Typography variant="pi" textColor="neutral600">
                            {requestOwners[r.documentId]}
                          </Typography>
                        ) : null}
                      </Row>
                    );
                  })}
                  <More total={deadlines?.requestsDueThisWeek.length ?? 0} t={t} />
                </List>
              )}
            </Block>
          </Grid.Item>
          <Grid.Item col={4} s={12} direction="column" alignItems="stretch" data-testid="statistics-nodes-stale-soon">
            <Block title={t('deadlines.nodes', 'News columns about to go stale')} count={deadlines?.nodesAboutToGoStale.length}>
              {deadlines && deadlines.nodesAboutToGoStale.length === 0 ? (
                <Empty>{t('deadlines.nodes.none', 'No news column reaches {days} days without an update in the next 3 days.', { days: newsStaleDays })}</Empty>
              ) : (
                <List>
                  {deadlines?.nodesAboutToGoStale.slice(0, LIMIT).map((n) => {
                    const lastDay = String(n.lastDate).slice(0, 10);
                    const staleOn = addDays(lastDay, newsStaleDays + 1);
                    const l = left(staleOn);
                    return (
                      <Row key={n.documentId}>
                        <Link tag={RouterLink} to={editViewPath(UID.node, n.documentId)}>
                          {nodeOwners[n.documentId] ? `${nodeOwners[n.documentId]} · ${n.name}` : n.name}
                        </Link>
                        {n.code ? (
                          <Typography variant="pi" textColor="neutral600">
                            {n.code}
                          </Typography>
                        ) : null}
                        <Typography variant="pi" textColor={l.tone}>
                          {t('deadlines.nodes.detail', 'last update {last}, stale from {stale}', { last: lastDay, stale: staleOn })}
                        </Typography>
                      </Row>
                    );
                  })}
                  <More total={deadlines?.nodesAboutToGoStale.length ?? 0} t={t} />
                </List>
              )}
            </Block>
          </Grid.Item>
          <Grid.Item col={4} s={12} direction="column" alignItems="stretch" data-testid="statistics-report-deadline">
            <Block title={t('deadlines.report', 'Annual report')}>
              {!orgChosen ? (
                <Empty>{t('deadlines.report.chooseOrg', 'Choose an organisation to see its annual report deadline.')}</Empty>
              ) : report ? (
                <Flex direction="column" alignItems="flex-start" gap={2}>
                  <Typography>
                    {t('deadlines.report.due', 'The {year} report is due by {due}', { year: report.year, due: report.due })}
                  </Typography>
                  <Status
                    size="S"
                    variant={report.published ? 'success' : report.overdue ? 'danger' : report.remind ? 'warning' : 'neutral'}
                  >
                    <Typography variant="pi" fontWeight="bold">
                      {report.published
                        ? t('deadlines.report.published', 'Published')
                        : report.overdue
                          ? t('deadlines.report.overdue', 'Overdue: not published by {due}', { due: report.due })
                          : t('deadlines.report.pending', 'Not published yet · {count} days left', { count: Math.max(0, daysBetween(today, report.due)) })}
                    </Typography>
                  </Status>
                  <Typography variant="pi" textColor="neutral500">
                    {t('deadlines.report.rule', 'Departments by 31 January, governments by 31 March (条例第四十九条)')}
                  </Typography>
                </Flex>
              ) : (
                <Empty>-</Empty>
              )}
            </Block>
          </Grid.Item>
        </Grid.Root>
      </Flex>
    </Box>
  );
};

/**
 * The owning organisation of a few documents (the deadlines route answers without it), read from the
 * Content Manager list API, which populates first-level relations.
 */
function useOwners(uid: string, documentIds: string[] | undefined): Record<string, string> {
  const { get } = useFetchClient();
  const [owners, setOwners] = React.useState<Record<string, string>>({});
  const key = (documentIds ?? []).join(',');
  React.useEffect(() => {
    if (!key) return undefined;
    const controller = new AbortController();
    get<{ results: Array<{ documentId: string; organization?: { name?: string; shortName?: string } | null }> }>(`/content-manager/collection-types/${uid}`, {
      params: { pageSize: 100, filters: { documentId: { $in: key.split(',') } } },
      signal: controller.signal,
    })
      .then(({ data }) => setOwners(Object.fromEntries((data.results ?? []).filter((r) => r.organization?.name).map((r) => [r.documentId, r.organization!.name!]))))
      .catch(() => undefined);
    return () => controller.abort();
  }, [get, uid, key]);
  return owners;
}

const Block = ({ title, count, children }: { title: string; count?: number; children: React.ReactNode }) => (
  <Box hasRadius borderColor="neutral200" padding={4} height="100%">
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Flex gap={2} alignItems="center">
        <Typography variant="omega" fontWeight="bold" tag="h3">
          {title}
        </Typography>
        {count !== undefined && count > 0 ? (
          <Typography variant="pi" fontWeight="bold" textColor="warning600">
            {count}
          </Typography>
        ) : null}
      </Flex>
      {children}
    </Flex>
  </Box>
);

const Empty = ({ children }: { children: React.ReactNode }) => (
  <Typography variant="pi" textColor="neutral600">
    {children}
  </Typography>
);

const List = ({ children }: { children: React.ReactNode }) => (
  <Flex tag="ul" direction="column" alignItems="stretch" gap={2}>
    {children}
  </Flex>
);

const Row = ({ children }: { children: React.ReactNode }) => (
  <Flex tag="li" direction="column" alignItems="flex-start" gap={0}>
    {children}
  </Flex>
);

const More = ({ total, t }: { total: number; t: (id: string, d: string, v?: Record<string, string | number>) => string }) =>
  total > LIMIT ? (
    <li>
      <Typography variant="pi" textColor="neutral600">
        {t('deadlines.more', 'and {count} more', { count: total - LIMIT })}
      </Typography>
    </li>
  ) : null;
