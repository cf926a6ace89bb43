import * as React from 'react';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { useTheme } from 'styled-components';
import {
  Box,
  Button,
  Checkbox,
  EmptyStateLayout,
  Field,
  Flex,
  Link,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Tooltip,
  Tr,
  Typography,
} from '@strapi/design-system';
import { ArrowClockwise, ArrowRight, Calendar, WarningCircle } from '@strapi/icons';
import { Layouts, Page, Pagination, useFetchClient, useNotification, useQueryParams } from '@strapi/strapi/admin';
import { errorOf, paths, type Organization, type RequestList, type RequestRow } from '../api';
import { DaysLeft, DueDate, StatusBadge, isOverdueNow, useT } from '../components/ClockBits';
import { REQUEST_STATUSES, resultLabel } from '../domain';
import { PLUGIN_ID } from '../pluginId';
import { chinaToday } from '../../../../admin-kit/admin/src/dates';
import { ALL_ORGS as ALL, OrganizationPicker, useScopedOrganizations } from '../../../../admin-kit/admin/src/OrganizationPicker';
import { TableHeader } from '../../../../admin-kit/admin/src/TableHeader';
import { useFetch } from '../../../../admin-kit/admin/src/useFetch';

/** URL value of “all statuses” (no status parameter means: not closed). */
const ALL_STATUSES = 'all';
const SORTS = ['dueDate', '-dueDate', 'receivedDate', '-receivedDate'] as const;
const FIRST_YEAR = 2019; // 《政府信息公开条例》(2019 revision) in force from 2019-05-15

/** Filters and page, kept in the URL (so a request page can link back to the same list). */
interface ListQuery {
  org?: string;
  sub?: string;
  status?: string;
  year?: string;
  overdue?: string;
  sort?: string;
  page?: string | number;
  pageSize?: string | number;
}


/** The list route's query string from the URL filters. */
function listParams(q: ListQuery): Record<string, string> {
  const params: Record<string, string> = {
    sort: SORTS.includes(q.sort as (typeof SORTS)[number]) ? String(q.sort) : 'dueDate',
    page: String(q.page ?? 1),
    pageSize: String(q.pageSize ?? 25),
  };
  if (q.org) {
    params.org = q.org;
    if (q.sub !== 'false') params.includeDescendants = 'true';
  }
  // open (not closed) requests unless another status or all of them (`status=all`) is asked for
  const status = q.status ?? 'open';
  if (status !== ALL_STATUSES) params.status = status;
  if (q.year) params.year = q.year;
  if (q.overdue === 'true') params.overdue = 'true';
  return params;
}

/** 依申请公开办理: the requests by due date (GET /disclosure-requests). */
const ListPage = () => {
  const t = useT();
  const theme = useTheme();
  const navigate = useNavigate();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [{ query, rawQuery }, setQuery] = useQueryParams<ListQuery>();

  const [recomputing, setRecomputing] = React.useState(false);

  const today = React.useMemo(() => chinaToday(), []);
  const years = React.useMemo(() => {
    const last = Number(today.slice(0, 4));
    return Array.from({ length: last - FIRST_YEAR + 1 }, (_, i) => String(last - i));
  }, [today]);
  const params = listParams(query);
  const paramsKey = JSON.stringify(params);

  /** Changing a filter goes back to page 1. */
  const setFilter = (patch: Partial<ListQuery>) => setQuery({ ...patch, page: 1 } as ListQuery);

  // the organisations of the filter: the Content Manager list narrowed to the caller's scope (the list route
  // filters by it anyway and answers 403 for an organisation outside it)
  const { orgs, scope, error: orgsError } = useScopedOrganizations<Organization>();

  const listFetch = useFetch((c, signal) => c.get<RequestList>(paths.list, { params, signal }).then((r) => r.data), [paramsKey]);
  // how many of the filtered requests are late right now (whatever page is shown)
  const overdueFetch = useFetch(
    (c, signal) => c.get<RequestList>(paths.list, { params: { ...params, overdue: 'true', page: '1', pageSize: '1' }, signal }).then((r) => r.data.meta.pagination.total, () => null),
    [paramsKey]
  );
  const list = listFetch.data;
  const overdueTotal = overdueFetch.data;
  const error = listFetch.error?.message ?? null;
  const loading = listFetch.loading;
  const reload = () => {
    void listFetch.reload();
    void overdueFetch.reload();
  };

  const recompute = async () => {
    setRecomputing(true);
    try {
      const { data } = await post<{ data: { checked: number; updated: number; failed: unknown[] } }>(paths.recompute, { scope: 'open' });
      toggleNotification({
        type: data.data.failed.length ? 'warning' : 'success',
        message: t('list.recomputed', 'Checked {checked} requests, {updated} due dates changed, {failed} failed', {
          checked: data.data.checked,
          updated: data.data.updated,
          failed: data.data.failed.length,
        }),
      });
      reload();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorOf(e).message });
    } finally {
      setRecomputing(false);
    }
  };

  const title = t('page.title', 'Requests on the clock');
  if (!list && !error) return <Page.Loading />;

  const rows = list?.data ?? [];
  const pagination = list?.meta.pagination;
  const detailPath = (r: RequestRow) => `/plugins/${PLUGIN_ID}/${r.documentId}`;
  const open = (r: RequestRow) => navigate(detailPath(r), { state: { from: rawQuery } });

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('list.subtitle', 'By due date, in working days (Regulations on Open Government Information, art. 33). Today: {today}', { today: list?.meta.asOf ?? today })}
        primaryAction={
          <Flex gap={2}>
            <Button variant="tertiary" startIcon={<Calendar />} onClick={() => void recompute()} loading={recomputing}>
              {t('list.recompute', 'Recompute due dates')}
            </Button>
            <Button variant="secondary" startIcon={<ArrowClockwise />} onClick={reload} loading={loading}>
              {t('list.refresh', 'Refresh')}
            </Button>
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box background="neutral0" hasRadius shadow="tableShadow" paddingTop={4} paddingBottom={4} paddingLeft={6} paddingRight={6} tag="section" aria-label={t('filters.label', 'Filters')}>
            <Flex gap={4} alignItems="flex-end" wrap="wrap">
              <Box width="24rem" data-testid="filter-org">
                <OrganizationPicker
                  label={t('filters.org', 'Organisation')}
                  organizations={orgs ?? []}
                  value={query.org ?? ALL}
                  onChange={(v) => setFilter({ org: v === ALL ? undefined : v })}
                  allLabel={scope.all ? t('filters.allOrgs', 'All organisations') : t('filters.allMine', 'All (my organisations)')}
                  error={orgsError}
                />
              </Box>
              <Box paddingBottom={3}>
                <Checkbox checked={query.sub !== 'false'} disabled={!query.org} onCheckedChange={(v) => setFilter({ sub: v === true ? undefined : 'false' })}>
                  {t('filters.withUnits', 'Include subordinate units')}
                </Checkbox>
              </Box>
              <Box width="13rem" data-testid="filter-status">
                <Field.Root name="status">
                  <Field.Label>{t('filters.status', 'Status')}</Field.Label>
                  <SingleSelect value={query.status ?? 'open'} onChange={(v) => setFilter({ status: v === 'open' ? undefined : String(v) })}>
                    <SingleSelectOption value="open">{t('filters.open', 'Not closed')}</SingleSelectOption>
                    <SingleSelectOption value={ALL_STATUSES}>{t('filters.allStatuses', 'All statuses')}</SingleSelectOption>
                    {REQUEST_STATUSES.map((s) => (
                      <SingleSelectOption key={s} value={s}>
                        {t(`status.${s}`, s)}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
              </Box>
              <Box width="12rem" data-testid="filter-year">
                <Field.Root name="year">
                  <Field.Label>{t('filters.year', 'Year received')}</Field.Label>
                  <SingleSelect value={query.year ?? ALL} onChange={(v) => setFilter({ year: v === ALL ? undefined : String(v) })}>
                    <SingleSelectOption value={ALL}>{t('filters.allYears', 'All years')}</SingleSelectOption>
                    {years.map((y) => (
                      <SingleSelectOption key={y} value={y}>
                        {t('filters.yearValue', '{year}', { year: y })}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
              </Box>
              <Box width="18rem">
                <Field.Root name="sort">
                  <Field.Label>{t('filters.sort', 'Order')}</Field.Label>
                  <SingleSelect value={params.sort} onChange={(v) => setFilter({ sort: String(v) === 'dueDate' ? undefined : String(v) })}>
                    {SORTS.map((s) => (
                      <SingleSelectOption key={s} value={s}>
                        {t(`sort.${s}`, s)}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
              </Box>
              <Box paddingBottom={3} data-testid="filter-overdue">
                <Checkbox checked={query.overdue === 'true'} onCheckedChange={(v) => setFilter({ overdue: v === true ? 'true' : undefined })}>
                  {t('filters.overdueOnly', 'Only overdue')}
                </Checkbox>
              </Box>
            </Flex>
          </Box>

          {error && (
            <Box background="danger100" borderColor="danger200" hasRadius padding={4} role="alert">
              <Typography textColor="danger700">{error}</Typography>
            </Box>
          )}

          {pagination && (
            <Flex gap={4} wrap="wrap">
              <Typography variant="omega" textColor="neutral600" data-testid="list-total">
                {t('list.total', '{total} requests', { total: pagination.total })}
              </Typography>
              {overdueTotal !== null && query.overdue !== 'true' && (
                <Typography variant="omega" textColor={overdueTotal ? 'danger600' : 'neutral600'} fontWeight={overdueTotal ? 'bold' : 'regular'} data-testid="list-overdue-total">
                  {t('list.overdueTotal', '{count} of them overdue and not answered', { count: overdueTotal })}
                </Typography>
              )}
            </Flex>
          )}

          {rows.length === 0 && !loading ? (
            <Box background="neutral0" shadow="filterShadow" hasRadius>
              <EmptyStateLayout content={t('list.empty', 'No request matches these filters.')} hasRadius />
            </Box>
          ) : (
            <Box style={{ opacity: loading ? 0.6 : 1 }}>
              <Table colCount={8} rowCount={rows.length + 1} data-testid="requests-table">
                <TableHeader
                  columns={[
                    t('col.trackingNo', 'Tracking no.'),
                    t('col.org', 'Organisation'),
                    t('col.request', 'Applicant / request'),
                    t('col.received', 'Received'),
                    t('col.status', 'Status'),
                    t('col.due', 'Due date'),
                    t('col.daysLeft', 'Working days left'),
                    t('col.open', 'Open'),
                  ]}
                />
                <Tbody>
                  {rows.map((r) => {
                    const late = isOverdueNow(r);
                    const warnings = r.warnings.filter((w) => !/^已超过答复期限/.test(w));
                    return (
                      <Tr
                        key={r.documentId}
                        data-document-id={r.documentId}
                        data-overdue={late ? 'true' : 'false'}
                        onClick={() => open(r)}
                        style={{
                          cursor: 'pointer',
                          background: late ? theme.colors.danger100 : undefined,
                          boxShadow: late ? `inset 4px 0 0 ${theme.colors.danger600}` : undefined,
                        }}
                      >
                        <Td>
                          <Link tag={RouterLink} to={detailPath(r)} state={{ from: rawQuery }} onClick={(e: React.MouseEvent) => e.stopPropagation()}>
                            <Typography textColor={late ? 'danger700' : 'primary600'} fontWeight="semiBold" style={{ fontVariantNumeric: 'tabular-nums' }}>
                              {r.trackingNo ?? r.documentId}
                            </Typography>
                          </Link>
                        </Td>
                        <Td style={{ maxWidth: '14rem' }}>
                          <Typography ellipsis textColor="neutral800">
                            {r.organization?.name ?? '-'}
                          </Typography>
                        </Td>
                        <Td style={{ maxWidth: '22rem' }}>
                          <Flex direction="column" alignItems="flex-start">
                            <Typography ellipsis textColor="neutral800" fontWeight="semiBold">
                              {r.applicantName ?? '-'}
                              {r.applicantCategory ? <Typography textColor="neutral500" fontWeight="regular">{`（${t(`category.${r.applicantCategory}`, r.applicantCategory)}）`}</Typography> : null}
                            </Typography>
                            <Typography ellipsis variant="pi" textColor="neutral600" title={r.requestedContent ?? ''}>
                              {r.requestedContent ?? ''}
                            </Typography>
                          </Flex>
                        </Td>
                        <Td>
                          <Typography textColor="neutral800" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                            {r.receivedDate}
                          </Typography>
                        </Td>
                        <Td>
                          <Flex direction="column" alignItems="flex-start" gap={1}>
                            <StatusBadge status={r.handlingStatus} />
                            {r.resultKey && (
                              <Typography variant="pi" textColor="neutral600" ellipsis style={{ maxWidth: '12rem' }} title={resultLabel(r.resultKey)}>
                                {resultLabel(r.resultKey)}
                              </Typography>
                            )}
                          </Flex>
                        </Td>
                        <Td>
                          <DueDate dueDate={r.dueDate} provisional={r.dueDateProvisional} emphasis={late ? 'danger' : undefined} />
                        </Td>
                        <Td>
                          <Flex gap={2}>
                            <DaysLeft daysLeft={r.daysLeft} overdue={r.overdue} state={r.state} dueDate={r.dueDate} />
                            {warnings.length > 0 && (
                              <Tooltip label={warnings.join('；')}>
                                <Flex tag="span" aria-label={warnings.join('；')} color="warning600" data-testid="row-warnings">
                                  <WarningCircle width="1.6rem" height="1.6rem" fill="warning600" />
                                </Flex>
                              </Tooltip>
                            )}
                          </Flex>
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
            </Box>
          )}

          {pagination && pagination.total > 0 && (
            <Pagination.Root pageCount={pagination.pageCount} total={pagination.total} defaultPageSize={25}>
              <Pagination.PageSize options={['10', '25', '50', '100']} />
              <Pagination.Links />
            </Pagination.Root>
          )}
          <Typography variant="pi" textColor="neutral500">
            {t('list.legend', 'Red rows: past the due date and not answered. “Provisional”: the due date reaches into a year whose official holidays are not published yet. Working days skip weekends and statutory holidays and count make-up working days.')}
          </Typography>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export { ListPage };
export default ListPage;
