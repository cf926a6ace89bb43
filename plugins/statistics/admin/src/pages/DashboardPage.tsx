import * as React from 'react';
import { useIntl } from 'react-intl';
import { Box, Button, Checkbox, Field, Flex, Grid, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { ArrowClockwise, Download } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { paths, type Deadlines, type Granularity, type Inspection, type LatestInspection, type Organization, type Summary } from '../api';
import { AnnualReportSection } from '../components/AnnualReportSection';
import { BarChart, type BarDatum } from '../components/BarChart';
import { DeadlinesSection } from '../components/DeadlinesSection';
import { InspectionSection } from '../components/InspectionSection';
import { StatCard } from '../components/StatCard';
import { fillPeriods } from '../utils/periods';
import { getTrad } from '../utils/getTrad';
import { chinaToday } from '../../../../admin-kit/admin/src/dates';
import { DayPicker } from '../../../../admin-kit/admin/src/DayPicker';
import { downloadFile, safeName } from '../../../../admin-kit/admin/src/download';
import { errorMessage } from '../../../../admin-kit/admin/src/errors';
import { ALL_ORGS as ALL, OrganizationPicker, useScopedOrganizations } from '../../../../admin-kit/admin/src/OrganizationPicker';
import { orgTree } from '../../../../admin-kit/admin/src/orgTree';
import { useFetch } from '../../../../admin-kit/admin/src/useFetch';

const TOP_ORGS = 15;
const NORMATIVE = '行政规范性文件';

/** What the dashboard shows: the organisation (or ALL), the date range, the chart's period, the report year. */
interface Filters {
  org: string;
  from: string;
  to: string;
  granularity: Granularity;
  /** include the organisation's subordinate units */
  withUnits: boolean;
  /** the year of the annual report */
  year: number;
}

const initialFilters = (today: string): Filters => ({
  org: ALL,
  from: `${today.slice(0, 4)}-01-01`,
  to: today,
  granularity: 'month',
  withUnits: true,
  year: Number(today.slice(0, 4)) - 1,
});


/** 统计与检查: the dashboard of the statistics plugin. */
const DashboardPage = () => {
  const { formatMessage, locale } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTrad(id), defaultMessage }, values);
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();

  const today = React.useMemo(() => chinaToday(), []);
  const [filters, setFilters] = React.useReducer((f: Filters, patch: Partial<Filters>): Filters => ({ ...f, ...patch }), today, initialFilters);
  const { org, from, to, granularity, withUnits, year } = filters;
  const [exporting, setExporting] = React.useState<string | null>(null);

  // Organisations narrowed to the caller's scope (GET /site-groups/me; the server answers 403 outside it);
  // the dashboard starts on the top of the (scoped) tree when there is one
  const { orgs, scope, error: orgsError } = useScopedOrganizations<Organization>((list) => {
    const ids = new Set(list.map((o) => o.documentId));
    const roots = list.filter((o) => !o.parent || !ids.has(o.parent.documentId));
    if (roots.length === 1) setFilters({ org: roots[0].documentId });
  });

  const rangeError = from > to ? t('filters.rangeError', 'The start date is after the end date') : null;
  const orgParam = org === ALL ? undefined : org;
  const orgParams = orgParam ? { org: orgParam } : undefined;
  const tree = React.useMemo(() => orgTree(orgs ?? []), [orgs]);
  const chosen = React.useMemo(() => (orgs ?? []).find((o) => o.documentId === org) ?? null, [orgs, org]);
  // the annual report is per organisation: a scoped user on “all (my organisations)” gets the first of theirs
  const reportOrg = chosen ?? (!scope.all && tree.length ? tree[0].org : null);
  const allLabel = scope.all ? t('filters.allOrgs', 'All organisations (whole site)') : t('filters.allMine', 'All (my organisations)');
  const summaryParams = (format?: string) => {
    const params: Record<string, string> = { from, to, granularity, includeDescendants: String(withUnits) };
    if (format) params.format = format;
    if (orgParam) params.org = orgParam;
    return params;
  };

  // Summary: follows the organisation, the date range and the granularity (the last one stays on screen meanwhile)
  const summaryFetch = useFetch((c, signal) => c.get<Summary>(paths.summary, { params: summaryParams(), signal }).then((r) => r.data), [orgParam, from, to, granularity, withUnits], {
    enabled: !!orgs && !rangeError,
  });
  // Inspection (on demand, for the organisation and its units) and deadlines: follow the organisation
  const inspectionFetch = useFetch((c, signal) => c.get<Inspection>(paths.inspection, { params: orgParams, signal }).then((r) => r.data), [orgParam], {
    enabled: !!orgs,
    resetOnChange: true,
  });
  const deadlinesFetch = useFetch((c, signal) => c.get<Deadlines>(paths.deadlines, { params: orgParams, signal }).then((r) => r.data), [orgParam], {
    enabled: !!orgs,
    resetOnChange: true,
  });
  // The last stored daily run (404 until the first run): shown beside the on-demand result
  const latestFetch = useFetch((c, signal) => c.get<LatestInspection>(paths.latestInspection, { signal }).then((r) => r.data, () => null), []);

  const summary = summaryFetch.data;
  const summaryLoading = summaryFetch.loading;
  const refresh = () => {
    void summaryFetch.reload();
    void inspectionFetch.reload();
    void deadlinesFetch.reload();
    void latestFetch.reload();
  };

  const exportSummary = async (format: 'xlsx' | 'csv') => {
    setExporting(format);
    try {
      const who = chosen ? safeName(chosen.name) : scope.all ? t('filters.allShort', 'all') : t('filters.allMineShort', 'my organisations');
      await downloadFile(get, paths.summary, `${t('export.filePrefix', 'statistics')}_${who}_${from}_${to}.${format}`, summaryParams(format));
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    } finally {
      setExporting(null);
    }
  };

  const title = t('page.title', 'Statistics & inspection');
  if (!orgs) return <Page.Loading />;

  const num = (n: number | null | undefined) => (n === null || n === undefined ? '-' : n.toLocaleString(locale));
  const pct = (n: number | null | undefined) => (n === null || n === undefined ? '-' : `${n}%`);
  const items = summary?.items;
  const req = summary?.requests;
  const normative = summary?.laws.find((l) => l.level === NORMATIVE) ?? { issued: 0, repealed: 0, inForce: 0 };
  const review = summary?.review;
  // which organisations a figure covers: the dashboard counts the chosen unit with its subordinate units (or all
  // organisations), the annual report (表二 etc.) the one body only — the labels say so
  const coverage = org === ALL ? t('scope.all', '(all organisations)') : withUnits ? t('scope.withUnits', '(including subordinate units)') : t('scope.own', '(this organisation only)');

  const periodLabel = (p: string, i: number): Pick<BarDatum, 'label' | 'sublabel' | 'fullLabel'> => {
    if (granularity === 'month') {
      const [y, m] = p.split('-');
      return {
        label: t('chart.monthShort', '{month}', { month: Number(m) }),
        sublabel: i === 0 || m === '01' ? y : undefined,
        fullLabel: t('chart.monthFull', '{year}-{month}', { year: y, month: Number(m) }),
      };
    }
    if (granularity === 'quarter') {
      const [y, q] = p.split('-Q');
      return { label: `Q${q}`, sublabel: i === 0 || q === '1' ? y : undefined, fullLabel: t('chart.quarterFull', '{year} Q{quarter}', { year: y, quarter: q }) };
    }
    return { label: p, fullLabel: p };
  };
  const periodData: BarDatum[] = summary
    ? fillPeriods(summary.items.byPeriod, summary.query.from, summary.query.to, summary.query.granularity).map((r, i) => ({ key: r.period, value: r.count, ...periodLabel(r.period, i) }))
    : [];
  const byOrg = summary?.items.byOrganization ?? [];
  const orgData: BarDatum[] = byOrg.slice(0, TOP_ORGS).map((o) => {
    const short = (orgs ?? []).find((x) => x.documentId === o.documentId)?.shortName;
    return { key: o.documentId, label: short || o.name, fullLabel: o.name, value: o.count };
  });
  const restOrgs = byOrg.slice(TOP_ORGS);
  const granularityName = { month: t('chart.unit.month', 'month'), quarter: t('chart.unit.quarter', 'quarter'), year: t('chart.unit.year', 'year') }[granularity];

  const reportYears = Array.from({ length: 10 }, (_, i) => Number(today.slice(0, 4)) - i);

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('page.subtitle', 'Headline figures, publishing, website inspection, deadlines and the annual report')}
        primaryAction={
          <Flex gap={2}>
            <Button variant="tertiary" startIcon={<ArrowClockwise />} onClick={refresh} loading={summaryLoading}>
              {t('page.refresh', 'Refresh')}
            </Button>
            <Button variant="secondary" startIcon={<Download />} onClick={() => void exportSummary('xlsx')} loading={exporting === 'xlsx'} disabled={!!rangeError} data-testid="statistics-export-xlsx">
              {t('export.xlsx', 'Export XLSX')}
            </Button>
            <Button variant="secondary" startIcon={<Download />} onClick={() => void exportSummary('csv')} loading={exporting === 'csv'} disabled={!!rangeError} data-testid="statistics-export-csv">
              {t('export.csv', 'Export CSV')}
            </Button>
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {/* Filters */}
          <Box background="neutral0" hasRadius shadow="tableShadow" paddingTop={4} paddingBottom={4} paddingLeft={6} paddingRight={6} tag="section" aria-label={t('filters.label', 'Filters')}>
            <Flex gap={4} alignItems="flex-end" wrap="wrap">
              <Box width="26rem" data-testid="statistics-org-picker">
                <OrganizationPicker
                  label={t('filters.org', 'Organisation')}
                  organizations={orgs}
                  value={org}
                  onChange={(v) => setFilters({ org: v })}
                  allLabel={allLabel}
                  error={orgsError}
                  errorAsHint
                  plainTrigger
                />
              </Box>
              <Box width="15rem">
                <Field.Root name="from" error={rangeError ?? undefined}>
                  <Field.Label>{t('filters.from', 'From')}</Field.Label>
                  <DayPicker
                    value={from}
                    onChange={(day) => setFilters({ from: day ?? `${today.slice(0, 4)}-01-01` })}
                    max={today}
                    locale={locale}
                    clearLabel={t('filters.clear', 'Clear')}
                  />
                  <Field.Error />
                </Field.Root>
              </Box>
              <Box width="15rem">
                <Field.Root name="to">
                  <Field.Label>{t('filters.to', 'To')}</Field.Label>
                  <DayPicker
                    value={to}
                    onChange={(day) => setFilters({ to: day ?? today })}
                    locale={locale}
                    clearLabel={t('filters.clear', 'Clear')}
                  />
                </Field.Root>
              </Box>
              <Flex gap={1} paddingBottom={1} role="group" aria-label={t('filters.presets', 'Quick ranges')}>
                {[
                  { key: 'ytd', label: t('filters.thisYear', 'This year'), from: `${today.slice(0, 4)}-01-01`, to: today },
                  { key: 'last', label: t('filters.lastYear', 'Last year'), from: `${Number(today.slice(0, 4)) - 1}-01-01`, to: `${Number(today.slice(0, 4)) - 1}-12-31` },
                  { key: '12m', label: t('filters.last12', 'Last 12 months'), from: `${Number(today.slice(0, 4)) - 1}-${today.slice(5, 7)}-01`, to: today },
                ].map((p) => (
                  <Button key={p.key} size="S" variant={from === p.from && to === p.to ? 'secondary' : 'tertiary'} onClick={() => setFilters({ from: p.from, to: p.to })}>
                    {p.label}
                  </Button>
                ))}
              </Flex>
              <Box width="12rem">
                <Field.Root name="granularity">
                  <Field.Label>{t('filters.granularity', 'Chart by')}</Field.Label>
                  <SingleSelect value={granularity} onChange={(v) => setFilters({ granularity: v as Granularity })}>
                    <SingleSelectOption value="month">{t('filters.month', 'Month')}</SingleSelectOption>
                    <SingleSelectOption value="quarter">{t('filters.quarter', 'Quarter')}</SingleSelectOption>
                    <SingleSelectOption value="year">{t('filters.year', 'Year')}</SingleSelectOption>
                  </SingleSelect>
                </Field.Root>
              </Box>
              <Box paddingBottom={3}>
                <Checkbox checked={withUnits} onCheckedChange={(v) => setFilters({ withUnits: v === true })} disabled={org === ALL}>
                  {t('filters.withUnits', 'Include subordinate units')}
                </Checkbox>
              </Box>
            </Flex>
          </Box>

          {summaryFetch.error && (
            <Typography textColor="danger600" role="alert">
              {summaryFetch.error.message}
            </Typography>
          )}

          {/* Headline figures */}
          <Box tag="section" aria-label={t('headline.label', 'Headline figures')} data-testid="statistics-headline" style={{ opacity: summaryLoading && summary ? 0.6 : 1 }}>
            <Grid.Root gap={4} gridCols={12}>
              <Grid.Item col={3} m={6} s={12} direction="column" alignItems="stretch">
                <StatCard
                  testId="statistics-card-published"
                  title={t('headline.published', 'Items published')}
                  figures={[{ label: t('headline.published', 'Items published'), value: num(items?.published), testId: 'statistics-published' }]}
                  note={summary ? t('headline.range', '{from} to {to}', { from: summary.query.from, to: summary.query.to }) : undefined}
                />
              </Grid.Item>
              <Grid.Item col={3} m={6} s={12} direction="column" alignItems="stretch">
                <StatCard
                  testId="statistics-card-fulltext"
                  title={t('headline.fullTextRate', 'Full-text rate')}
                  figures={[{ label: t('headline.fullTextRate', 'Full-text rate'), value: pct(items?.fullTextRate), testId: 'statistics-fulltext-rate' }]}
                  note={items ? t('headline.fullTextNote', '{count} of {total} items have a body or a text attachment', { count: items.fullText, total: items.published }) : undefined}
                />
              </Grid.Item>
              <Grid.Item col={6} m={12} s={12} direction="column" alignItems="stretch">
                <StatCard
                  testId="statistics-card-laws"
                  title={`${t('headline.normative', 'Normative documents (行政规范性文件)')}${coverage}`}
                  figures={[
                    { label: t('headline.issued', 'Issued'), value: num(normative.issued) },
                    { label: t('headline.repealed', 'Repealed'), value: num(normative.repealed) },
                    { label: t('headline.inForce', 'In force on {date}', { date: summary?.query.to ?? to }), value: num(normative.inForce), tone: 'success' },
                  ]}
                  note={
                    summary && summary.laws.length > 0
                      ? summary.laws
                          .filter((l) => l.level !== NORMATIVE && (l.issued || l.repealed || l.inForce))
                          .map((l) => t('headline.lawLevel', '{level}: {issued} issued, {repealed} repealed, {inForce} in force', { level: l.level, issued: l.issued, repealed: l.repealed, inForce: l.inForce }))
                          .join('；') || undefined
                      : undefined
                  }
                />
              </Grid.Item>
              <Grid.Item col={8} m={12} s={12} direction="column" alignItems="stretch">
                <StatCard
                  testId="statistics-card-requests"
                  title={`${t('headline.requests', 'Requests for disclosure (依申请公开)')}${coverage}`}
                  figures={[
                    { label: t('headline.received', 'Received'), value: num(req?.received), testId: 'statistics-requests-received' },
                    { label: t('headline.closed', 'Closed'), value: num(req?.closed) },
                    { label: t('headline.onTime', 'On time'), value: num(req?.onTime), tone: 'success' },
                    { label: t('headline.closedLate', 'Closed late'), value: num(req?.closedLate), tone: req?.closedLate ? 'warning' : 'neutral' },
                    { label: t('headline.openOverdue', 'Open and overdue'), value: num(req?.openOverdue), tone: req?.openOverdue ? 'danger' : 'neutral' },
                  ]}
                  note={t('headline.requestsNote', 'Received and closed within the range; open and overdue as of today')}
                />
              </Grid.Item>
              <Grid.Item col={4} m={12} s={12} direction="column" alignItems="stretch">
                <StatCard
                  testId="statistics-card-review"
                  title={t('headline.rejectionRate', 'Review rejection rate')}
                  figures={[{ label: t('headline.rejectionRate', 'Review rejection rate'), value: pct(review?.rejectionRate), tone: review?.rejectionRate && review.rejectionRate >= 20 ? 'warning' : 'neutral' }]}
                  note={review ? t('headline.rejectionNote', '{rejected} rejected of {submitted} submitted', { rejected: review.rejected, submitted: review.submitted }) : undefined}
                />
              </Grid.Item>
            </Grid.Root>
          </Box>

          {/* Charts */}
          <Grid.Root gap={4} gridCols={12}>
            <Grid.Item col={7} m={12} s={12} direction="column" alignItems="stretch">
              <Box background="neutral0" hasRadius shadow="tableShadow" padding={6} width="100%" height="100%" tag="section" aria-labelledby="statistics-chart-period">
                <Flex direction="column" alignItems="stretch" gap={4}>
                  <Typography variant="delta" tag="h2" id="statistics-chart-period">
                    {t('chart.byPeriod', 'Items published by {unit}', { unit: granularityName })}
                  </Typography>
                  <BarChart
                    testId="statistics-chart-by-period"
                    title={t('chart.byPeriod', 'Items published by {unit}', { unit: granularityName })}
                    description={t('chart.byPeriodDesc', 'Published items per period from {from} to {to}', { from, to })}
                    data={periodData}
                    height={Math.max(260, Math.min(420, orgData.length * 26 + 20))}
                    labelHeader={t('chart.period', 'Period')}
                    valueHeader={t('chart.items', 'Items')}
                    emptyText={t('chart.empty', 'Nothing published in this range.')}
                    formatValue={(n) => n.toLocaleString(locale)}
                  />
                </Flex>
              </Box>
            </Grid.Item>
            <Grid.Item col={5} m={12} s={12} direction="column" alignItems="stretch">
              <Box background="neutral0" hasRadius shadow="tableShadow" padding={6} width="100%" height="100%" tag="section" aria-labelledby="statistics-chart-org">
                <Flex direction="column" alignItems="stretch" gap={4}>
                  <Flex direction="column" alignItems="flex-start" gap={1}>
                    <Typography variant="delta" tag="h2" id="statistics-chart-org">
                      {t('chart.byOrg', 'Items published by organisation')}
                    </Typography>
                    {orgData.length > 1 && (
                      <Typography variant="pi" textColor="neutral600">
                        {t('chart.byOrgHint', 'Click a bar to show that organisation')}
                      </Typography>
                    )}
                  </Flex>
                  <BarChart
                    testId="statistics-chart-by-org"
                    orientation="horizontal"
                    title={t('chart.byOrg', 'Items published by organisation')}
                    description={t('chart.byOrgDesc', 'Published items per organisation from {from} to {to}, most first', { from, to })}
                    data={orgData}
                    labelHeader={t('chart.org', 'Organisation')}
                    valueHeader={t('chart.items', 'Items')}
                    emptyText={t('chart.empty', 'Nothing published in this range.')}
                    formatValue={(n) => n.toLocaleString(locale)}
                    onSelect={(d) => setFilters({ org: d.key })}
                    selectLabel={(d) => t('chart.selectOrg', 'Show {name} ({count} items)', { name: d.fullLabel ?? d.label, count: d.value })}
                  />
                  {chosen && orgData.length === 1 && orgData[0].key === chosen.documentId && (
                    <Typography variant="pi" textColor="neutral600">
                      {t('chart.noUnits', 'No subordinate unit of this organisation published in this range.')}
                    </Typography>
                  )}
                  {restOrgs.length > 0 && (
                    <Typography variant="pi" textColor="neutral600">
                      {t('chart.restOrgs', 'and {count} more organisations with {items} items', { count: restOrgs.length, items: restOrgs.reduce((s, o) => s + o.count, 0) })}
                    </Typography>
                  )}
                </Flex>
              </Box>
            </Grid.Item>
          </Grid.Root>

          <InspectionSection
            inspection={inspectionFetch.data}
            latest={latestFetch.data}
            loading={inspectionFetch.loading}
            error={inspectionFetch.error?.message ?? null}
            onRerun={() => void inspectionFetch.reload()}
          />

          <DeadlinesSection
            deadlines={deadlinesFetch.data}
            newsStaleDays={inspectionFetch.data?.thresholds?.newsStaleDays ?? 14}
            orgChosen={org !== ALL}
            error={deadlinesFetch.error?.message ?? null}
          />

          <AnnualReportSection org={reportOrg} year={year} years={reportYears} onYearChange={(y) => setFilters({ year: y })} />
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export { DashboardPage };
export default DashboardPage;
