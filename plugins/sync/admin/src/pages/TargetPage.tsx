import * as React from 'react';
import { Link as RouterLink, useParams } from 'react-router-dom';
import {
  Badge,
  Box,
  Button,
  Dialog,
  Field,
  Flex,
  Grid,
  Link,
  SingleSelect,
  SingleSelectOption,
  Typography,
} from '@strapi/design-system';
import { ArrowClockwise, ArrowLeft, ArrowsCounterClockwise, Cross, WarningCircle } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { paths, type Delivery, type DeliveryPage, type DeliveryStatus, type TargetAnswer } from '../api';
import { Figure, Info, REFRESH_MS, formatTime, useAge, useNow, useT } from '../components/bits';
import { DeliveriesTable, TimeCell, useDeliveryColumns, type DeliveryColumn } from '../components/DeliveriesTable';
import { PLUGIN_ID } from '../pluginId';
import { ScopeText } from './TargetsPage';
import { errorMessage } from '../../../../admin-kit/admin/src/errors';
import { useFetch } from '../../../../admin-kit/admin/src/useFetch';

const STATUSES: DeliveryStatus[] = ['pending', 'in_flight', 'delivered', 'dead', 'skipped'];
const ALL = '*';
const RECENT = 20;
const DEAD_PAGE = 100;

/** One target: its figures and settings, its dead letters (replay, skip) and its recent deliveries. */
const TargetPage = () => {
  const t = useT();
  const age = useAge();
  const now = useNow();
  const { key = '' } = useParams<{ key: string }>();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [status, setStatus] = React.useState<string>(ALL);
  const [busy, setBusy] = React.useState<string | null>(null);
  const [confirmSkip, setConfirmSkip] = React.useState<Delivery | null>(null);
  const columns = useDeliveryColumns();

  // the target, its dead letters and its recent deliveries, refreshed every few seconds
  const { data, error: loadError, reload: load } = useFetch(
    async (c, signal) => {
      const recentParams: Record<string, string | number> = { order: 'desc', pageSize: RECENT };
      if (status !== ALL) recentParams.status = status;
      const [target, dead, recent] = await Promise.all([
        c.get<TargetAnswer>(paths.target(key), { signal }),
        c.get<DeliveryPage>(paths.deadLetters(key), { params: { pageSize: DEAD_PAGE }, signal }),
        c.get<DeliveryPage>(paths.deliveries(key), { params: recentParams, signal }),
      ]);
      return { target: target.data, dead: dead.data, recent: recent.data };
    },
    [key, status],
    { refreshMs: REFRESH_MS }
  );

  const act = async (what: string, run: () => Promise<string>) => {
    setBusy(what);
    try {
      const message = await run();
      toggleNotification({ type: 'success', message });
      await load();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };
  const replay = (ids?: number[]) =>
    act(ids ? `replay-${ids[0]}` : 'replay-all', async () => {
      const { data: res } = await post<{ data: { replayed: number } }>(paths.replay(key), ids ? { ids } : {});
      return t('dead.replayed', '{n} dead letter(s) queued again', { n: res.data.replayed });
    });
  const skip = (d: Delivery) =>
    act(`skip-${d.id}`, async () => {
      const { data: res } = await post<{ data: { skipped: number } }>(paths.skip(key), { ids: [d.id] });
      return t('dead.skipped', '{n} dead letter(s) skipped', { n: res.data.skipped });
    });

  const back = (
    <Link tag={RouterLink} to={`/plugins/${PLUGIN_ID}`} startIcon={<ArrowLeft />}>
      {t('detail.back', 'Back to the targets')}
    </Link>
  );
  const pageTitle = t('page.title', 'Push delivery');

  if (loadError && !data) {
    return (
      <Page.Main>
        <Page.Title>{pageTitle}</Page.Title>
        <Layouts.Header title={loadError.status === 404 ? t('detail.notFound', 'Target not found') : key} navigationAction={back} />
        <Layouts.Content>
          <Box background="danger100" hasRadius padding={4} role="alert">
            <Typography textColor="danger700">{loadError.message}</Typography>
          </Box>
        </Layouts.Content>
      </Page.Main>
    );
  }
  if (!data) return <Page.Loading />;

  const { data: target, meta } = data.target;
  const s = target.stats;
  const canManage = meta.canManage;
  const title = target.name ? `${target.name}（${target.key}）` : target.key;
  /** documents with a dead letter: their later events wait until it is replayed or skipped */
  const blocked = new Set(data.dead.data.map((d) => d.documentId));
  const deadColumns: DeliveryColumn[] = [
    columns.event,
    columns.document,
    columns.attempts,
    columns.lastError,
    columns.lastFailure,
    {
      key: 'actions',
      label: t('col.actions', 'Actions'),
      cell: (d) =>
        canManage ? (
          <Flex gap={2}>
            <Button size="S" variant="secondary" startIcon={<ArrowsCounterClockwise />} onClick={() => void replay([d.id])} loading={busy === `replay-${d.id}`} disabled={!!busy} data-testid="sync-replay-one">
              {t('dead.replay', 'Replay')}
            </Button>
            <Button size="S" variant="danger-light" startIcon={<Cross />} onClick={() => setConfirmSkip(d)} disabled={!!busy} data-testid="sync-skip-one">
              {t('dead.skip', 'Skip…')}
            </Button>
          </Flex>
        ) : (
          <Typography textColor="neutral500">-</Typography>
        ),
    },
  ];
  const recentColumns: DeliveryColumn[] = [
    columns.event,
    columns.document,
    columns.status,
    columns.attempts,
    columns.lastError,
    columns.created,
    {
      key: 'when',
      label: t('col.when', 'Delivered / next attempt'),
      cell: (d) => (
        <TimeCell>
          {d.status === 'delivered'
            ? formatTime(d.deliveredAt)
            : d.status === 'pending'
              ? blocked.has(d.documentId)
                ? t('recent.blocked', 'waits for a dead letter of its document')
                : t('recent.next', 'next {time}', { time: formatTime(d.nextAttemptAt) })
              : '-'}
        </TimeCell>
      ),
    },
  ];

  return (
    <Page.Main>
      <Page.Title>{`${title} · ${pageTitle}`}</Page.Title>
      <Layouts.Header
        navigationAction={back}
        title={title}
        subtitle={target.url}
        primaryAction={
          <Button variant="tertiary" startIcon={<ArrowClockwise />} onClick={() => void load()} data-testid="sync-refresh">
            {t('common.refresh', 'Refresh')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {loadError && (
            <Box background="danger100" hasRadius padding={4} role="alert">
              <Typography textColor="danger700">{loadError.message}</Typography>
            </Box>
          )}

          <Grid.Root gap={4} gridCols={12}>
            <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
              <Figure
                testId="sync-stat-lag"
                label={t('col.lag', 'Backlog')}
                value={s.lag}
                tone={s.lag ? 'warning' : undefined}
                hint={
                  s.oldestUndeliveredAt
                    ? t('detail.oldest', 'oldest event waiting for {age} · {pending} waiting, {inFlight} in flight, {unfanned} not yet fanned out', { age: age(s.oldestUndeliveredAt, now), pending: s.pending, inFlight: s.inFlight, unfanned: s.notFannedOut })
                    : s.lag
                      ? t('detail.unfanned', '{unfanned} not yet fanned out', { unfanned: s.notFannedOut })
                      : t('detail.upToDate', 'Up to date')
                }
              />
            </Grid.Item>
            <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
              <Figure
                testId="sync-stat-last-success"
                small={!!s.lastSuccessAt}
                label={t('col.lastSuccess', 'Last success')}
                value={s.lastSuccessAt ? formatTime(s.lastSuccessAt) : t('list.never', 'Never')}
                tone={s.lastSuccessAt ? 'success' : undefined}
                hint={s.lastSuccessAt ? t('detail.delivered', '{age} ago · {delivered} delivered', { age: age(s.lastSuccessAt, now), delivered: s.delivered }) : undefined}
              />
            </Grid.Item>
            <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
              <Figure
                testId="sync-stat-failures"
                label={t('col.failures', 'Failures')}
                value={s.failures}
                tone={s.retrying ? 'warning' : undefined}
                hint={
                  <>
                    {t('list.retrying', '{retrying} retrying', { retrying: s.retrying })}
                    {s.lastFailureAt ? ` · ${t('detail.lastFailure', 'last {time}', { time: formatTime(s.lastFailureAt) })}` : ''}
                  </>
                }
              />
            </Grid.Item>
            <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
              <Figure
                testId="sync-stat-dead"
                label={t('col.dead', 'Dead letters')}
                value={s.dead}
                tone={s.dead ? 'danger' : undefined}
                hint={s.skipped ? t('detail.skippedCount', '{skipped} skipped', { skipped: s.skipped }) : undefined}
              />
            </Grid.Item>
          </Grid.Root>

          {s.lastError && (
            <Box background="neutral0" hasRadius shadow="tableShadow" padding={4} data-testid="sync-last-error">
              <Typography variant="sigma" textColor="neutral600">
                {t('detail.lastError', 'Last error')}
              </Typography>
              <Typography tag="p" variant="pi" textColor="danger700" style={{ wordBreak: 'break-all' }}>
                {s.lastError}
              </Typography>
            </Box>
          )}

          <Box background="neutral0" hasRadius shadow="tableShadow" padding={6} tag="section" aria-label={t('detail.settings', 'Settings')}>
            <Grid.Root gap={4} gridCols={12}>
              <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="flex-start">
                <Info label={t('detail.state', 'State')}>
                  <Flex gap={1} tag="span" wrap="wrap">
                    <Badge variant={target.enabled ? 'success' : 'neutral'} size="S">
                      {target.enabled ? t('state.enabled', 'Enabled') : t('state.disabled', 'Disabled')}
                    </Badge>
                    <Badge size="S">{target.format.toUpperCase()}</Badge>
                    <Badge size="S" title={t('detail.signature', 'Signature algorithm')}>
                      {target.signatureAlgorithm === 'hmac-sm3' ? t('signature.sm3', 'HMAC-SM3') : t('signature.sha256', 'HMAC-SHA256')}
                    </Badge>
                    <Badge size="S" variant="secondary">
                      {target.readOnly ? t('state.config', 'Config') : t('state.admin', 'Admin')}
                    </Badge>
                  </Flex>
                </Info>
              </Grid.Item>
              <Grid.Item col={5} s={6} xs={12} direction="column" alignItems="flex-start">
                <Info label={t('col.scope', 'Organisations')}>
                  <ScopeText target={target} />
                </Info>
              </Grid.Item>
              <Grid.Item col={4} s={12} xs={12} direction="column" alignItems="flex-start">
                <Info label={t('detail.retries', 'Retries')}>
                  {t('detail.retriesValue', 'up to {maxAttempts} attempts, first retry after {backoff} ms, timeout {timeout} ms', { maxAttempts: target.maxAttempts, backoff: target.backoffMs, timeout: target.timeoutMs })}
                </Info>
              </Grid.Item>
            </Grid.Root>
          </Box>

          <Box background="neutral0" hasRadius shadow="tableShadow" padding={6} tag="section" aria-label={t('dead.title', 'Dead letters')} data-testid="sync-dead-letters">
            <Flex justifyContent="space-between" alignItems="center" gap={4} wrap="wrap" paddingBottom={4}>
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <Typography variant="delta" tag="h2">
                  {t('dead.titleCount', 'Dead letters ({total})', { total: data.dead.meta.total })}
                </Typography>
                <Typography variant="pi" textColor="neutral600">
                  {t('dead.hint', 'These deliveries used up their attempts; each blocks later events of its document. Replay once the platform is fixed, or skip to give up on it for good.')}
                </Typography>
              </Flex>
              {canManage && data.dead.meta.total > 0 && (
                <Button startIcon={<ArrowsCounterClockwise />} onClick={() => void replay()} loading={busy === 'replay-all'} disabled={!!busy} data-testid="sync-replay-all">
                  {t('dead.replayAll', 'Replay all')}
                </Button>
              )}
            </Flex>
            {!canManage && data.dead.meta.total > 0 && (
              <Box paddingBottom={4}>
                <Typography variant="pi" textColor="neutral600" data-testid="sync-read-only">
                  {t('dead.readOnly', 'Replaying and skipping dead letters needs the “manage push targets” permission and the scope of all organisations.')}
                </Typography>
              </Box>
            )}
            {data.dead.data.length === 0 ? (
              <Typography textColor="neutral600" data-testid="sync-no-dead">
                {t('dead.none', 'No dead letters.')}
              </Typography>
            ) : (
              <DeliveriesTable deliveries={data.dead.data} columns={deadColumns} rowProps={() => ({ 'data-testid': 'sync-dead-row' })} />
            )}
          </Box>

          <Box background="neutral0" hasRadius shadow="tableShadow" padding={6} tag="section" aria-label={t('recent.title', 'Recent deliveries')} data-testid="sync-recent">
            <Flex justifyContent="space-between" alignItems="flex-end" gap={4} wrap="wrap" paddingBottom={4}>
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <Typography variant="delta" tag="h2">
                  {t('recent.title', 'Recent deliveries')}
                </Typography>
                <Typography variant="pi" textColor="neutral600">
                  {t('recent.hint', 'The latest {n} of {total}, newest first. Delivered rows are purged after the retention period.', { n: Math.min(RECENT, data.recent.meta.total), total: data.recent.meta.total })}
                </Typography>
              </Flex>
              <Box width="14rem">
                <Field.Root name="status">
                  <Field.Label>{t('recent.status', 'Status')}</Field.Label>
                  <SingleSelect value={status} onChange={(v) => setStatus(String(v))}>
                    <SingleSelectOption value={ALL}>{t('recent.allStatuses', 'All')}</SingleSelectOption>
                    {STATUSES.map((st) => (
                      <SingleSelectOption key={st} value={st}>
                        {t(`status.${st}`, st)}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
              </Box>
            </Flex>
            {data.recent.data.length === 0 ? (
              <Typography textColor="neutral600">{t('recent.none', 'No deliveries.')}</Typography>
            ) : (
              <DeliveriesTable deliveries={data.recent.data} columns={recentColumns} rowProps={(d) => ({ 'data-status': d.status })} />
            )}
          </Box>
        </Flex>
      </Layouts.Content>

      <Dialog.Root open={confirmSkip !== null} onOpenChange={(o) => !o && setConfirmSkip(null)}>
        <Dialog.Content>
          <Dialog.Header>{t('skip.title', 'Skip a dead letter')}</Dialog.Header>
          <Dialog.Body icon={<WarningCircle fill="danger600" />}>
            <Typography textAlign="center">
              {confirmSkip &&
                t('skip.confirm', 'Give up on event #{eventId} ({document}) for good? The platform will never receive it; later events of the document are delivered again.', {
                  eventId: confirmSkip.eventId,
                  document: confirmSkip.documentId,
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
              data-testid="sync-skip-confirm"
              onClick={async () => {
                if (!confirmSkip) return;
                const d = confirmSkip;
                setConfirmSkip(null);
                await skip(d);
              }}
            >
              {t('skip.action', 'Skip')}
            </Button>
          </Dialog.Footer>
        </Dialog.Content>
      </Dialog.Root>
    </Page.Main>
  );
};

export { TargetPage };
export default TargetPage;
