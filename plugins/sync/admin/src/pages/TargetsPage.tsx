import * as React from 'react';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { Badge, Box, Button, EmptyStateLayout, Flex, Link, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise, ArrowRight } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { paths, type Target, type TargetsAnswer } from '../api';
import { REFRESH_MS, formatTime, useAge, useNow, useT } from '../components/bits';
import { PLUGIN_ID } from '../pluginId';
import { TableHeader } from '../../../../admin-kit/admin/src/TableHeader';
import { useFetch } from '../../../../admin-kit/admin/src/useFetch';

export const targetPath = (key: string) => `/plugins/${PLUGIN_ID}/${encodeURIComponent(key)}`;

/** The organisations of a target's scope (all when none is configured). */
export const ScopeText = ({ target }: { target: Target }) => {
  const t = useT();
  const parts = [
    target.organizations?.length ? target.organizations.join('、') : t('scope.allOrgs', 'All organisations'),
    target.catalogueCodes?.length ? t('scope.nodes', 'nodes {codes}', { codes: target.catalogueCodes.join('、') }) : null,
    target.types?.length ? target.types.map((ty) => t(`type.${ty}`, ty)).join('、') : null,
  ].filter(Boolean);
  return <>{parts.join(' · ')}</>;
};

/** 同步推送: every push target with its lag, last success, failures and dead letters. */
const TargetsPage = () => {
  const t = useT();
  const age = useAge();
  const now = useNow();
  const navigate = useNavigate();
  // first load, then a refresh every few seconds (the worker delivers in the background)
  const { data: answer, error: loadError, reload: load } = useFetch((c, signal) => c.get<TargetsAnswer>(paths.targets, { signal }).then((r) => r.data), [], { refreshMs: REFRESH_MS });
  const error = loadError?.message ?? null;

  const targets = answer?.data ?? [];
  const title = t('page.title', 'Push delivery');

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('page.subtitle', 'Signed pushes of published content to the city and provincial platforms: backlog, failures and dead letters per target')}
        primaryAction={
          <Button variant="tertiary" startIcon={<ArrowClockwise />} onClick={() => void load()} data-testid="sync-refresh">
            {t('common.refresh', 'Refresh')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {error && (
            <Box background="danger100" borderColor="danger200" hasRadius padding={4} role="alert">
              <Typography textColor="danger700">{error}</Typography>
            </Box>
          )}
          {!answer && !error ? (
            <Page.Loading />
          ) : targets.length === 0 ? (
            <Box background="neutral0" shadow="filterShadow" hasRadius>
              <EmptyStateLayout content={t('list.empty', 'No push target is configured. Targets come from config/plugins.ts, SYNC_TARGETS or POST /sync/targets (see the sync plugin README).')} hasRadius />
            </Box>
          ) : (
            <Table colCount={8} rowCount={targets.length + 1} data-testid="sync-targets-table">
              <TableHeader
                columns={[
                  t('col.target', 'Target'),
                  t('col.state', 'State'),
                  t('col.scope', 'Organisations'),
                  t('col.lag', 'Backlog'),
                  t('col.lastSuccess', 'Last success'),
                  t('col.failures', 'Failures'),
                  t('col.dead', 'Dead letters'),
                  t('col.open', 'Open'),
                ]}
              />
              <Tbody>
                {targets.map((target) => {
                  const s = target.stats;
                  return (
                    <Tr key={target.key} data-target-key={target.key} onClick={() => navigate(targetPath(target.key))} style={{ cursor: 'pointer' }}>
                      <Td style={{ maxWidth: '26rem' }}>
                        <Flex direction="column" alignItems="flex-start">
                          <Link tag={RouterLink} to={targetPath(target.key)} onClick={(e: React.MouseEvent) => e.stopPropagation()} data-testid="sync-target-link">
                            <Typography fontWeight="semiBold" textColor="primary600">
                              {target.name ? `${target.name}（${target.key}）` : target.key}
                            </Typography>
                          </Link>
                          <Typography variant="pi" textColor="neutral600" ellipsis title={target.url} style={{ maxWidth: '26rem' }}>
                            {target.url}
                          </Typography>
                        </Flex>
                      </Td>
                      <Td>
                        <Flex gap={1} wrap="wrap">
                          <Badge variant={target.enabled ? 'success' : 'neutral'} size="S" data-testid="sync-enabled">
                            {target.enabled ? t('state.enabled', 'Enabled') : t('state.disabled', 'Disabled')}
                          </Badge>
                          <Badge size="S">{target.format.toUpperCase()}</Badge>
                          {target.readOnly && (
                            <Badge size="S" variant="secondary" title={t('state.configHint', 'Defined in the configuration: read-only here')}>
                              {t('state.config', 'Config')}
                            </Badge>
                          )}
                        </Flex>
                      </Td>
                      <Td style={{ maxWidth: '16rem' }}>
                        <Typography variant="pi" textColor="neutral800" ellipsis title={[...(target.organizations ?? []), ...(target.catalogueCodes ?? []), ...(target.types ?? [])].join('、')}>
                          <ScopeText target={target} />
                        </Typography>
                      </Td>
                      <Td data-testid="sync-lag">
                        <Flex direction="column" alignItems="flex-start">
                          <Typography textColor={s.lag ? 'warning600' : 'neutral800'} fontWeight="semiBold" style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="sync-lag-value">
                            {s.lag}
                          </Typography>
                          {s.oldestUndeliveredAt && (
                            <Typography variant="pi" textColor="neutral600">
                              {t('list.oldest', 'oldest {age} ago', { age: age(s.oldestUndeliveredAt, now) })}
                            </Typography>
                          )}
                        </Flex>
                      </Td>
                      <Td data-testid="sync-last-success">
                        <Typography textColor="neutral800" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }} title={s.lastSuccessAt ?? ''}>
                          {s.lastSuccessAt ? formatTime(s.lastSuccessAt) : t('list.never', 'Never')}
                        </Typography>
                      </Td>
                      <Td data-testid="sync-failures">
                        <Flex direction="column" alignItems="flex-start">
                          <Typography textColor={s.retrying ? 'warning600' : 'neutral800'} style={{ fontVariantNumeric: 'tabular-nums' }}>
                            {t('list.failures', '{failures} failed attempts', { failures: s.failures })}
                          </Typography>
                          <Typography variant="pi" textColor="neutral600">
                            {t('list.retrying', '{retrying} retrying', { retrying: s.retrying })}
                          </Typography>
                        </Flex>
                      </Td>
                      <Td data-testid="sync-dead">
                        <Typography textColor={s.dead ? 'danger600' : 'neutral800'} fontWeight={s.dead ? 'bold' : 'regular'} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="sync-dead-value">
                          {s.dead}
                        </Typography>
                      </Td>
                      <Td>
                        <Flex justifyContent="flex-end">
                          <ArrowRight aria-hidden fill="neutral500" />
                        </Flex>
                      </Td>
                    </Tr>
                  );
                })}
              </Tbody>
            </Table>
          )}
          <Typography variant="pi" textColor="neutral500">
            {t('list.legend', 'Backlog: events not yet delivered (waiting, in flight, dead letters, not yet fanned out). A dead letter has used up its attempts and blocks later events of its document until it is replayed or skipped. Refreshed every few seconds.')}
          </Typography>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export { TargetsPage };
export default TargetsPage;
