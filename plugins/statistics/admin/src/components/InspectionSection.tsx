import * as React from 'react';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { Badge, Box, Button, Flex, Link, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise, CheckCircle, WarningCircle } from '@strapi/icons';
import { editViewPath, entryEditPath, UID, type Inspection, type InspectionEntry, type LatestInspection, type RuleKey, type RuleResult } from '../api';
import { getTrad } from '../utils/getTrad';
import { TableHeader } from '../../../../admin-kit/admin/src/TableHeader';

export const RULE_KEYS: RuleKey[] = ['newsStale', 'noticePolicyStale', 'longStale', 'emptyColumns', 'homePage', 'requestsOverdue', 'lawsReviewDue', 'expiredStillValid'];
const SHOWN = 8;

interface Props {
  inspection: Inspection | null;
  latest: LatestInspection | null;
  loading: boolean;
  error: string | null;
  onRerun: () => void;
}

/** The inspection result: the 单项否决 banner, every failing rule with its nodes / items, and the rules that pass. */
export const InspectionSection = ({ inspection, latest, loading, error, onRerun }: Props) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTrad(id), defaultMessage }, values);
  const ruleName = (r: RuleKey, fallback: string) => t(`rule.${r}`, fallback);

  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={6} tag="section" aria-labelledby="statistics-inspection-title" data-testid="statistics-inspection">
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex justifyContent="space-between" alignItems="flex-start" gap={4} wrap="wrap">
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Typography variant="delta" tag="h2" id="statistics-inspection-title">
              {t('inspection.title', 'Website inspection')}
            </Typography>
            <Typography variant="pi" textColor="neutral600">
              {inspection
                ? t('inspection.asOf', 'Checked on {date} against the national indicators (国办秘函〔2019〕19号)', { date: inspection.today })
                : t('inspection.subtitle', 'National indicators (国办秘函〔2019〕19号)')}
              {latest ? ` · ${t('inspection.latestRun', 'daily run {date}: {count} rules failing', { date: latest.runDate, count: latest.result?.failing?.length ?? 0 })}` : ''}
            </Typography>
          </Flex>
          <Button variant="secondary" size="S" startIcon={<ArrowClockwise />} onClick={onRerun} loading={loading}>
            {t('inspection.rerun', 'Run the inspection now')}
          </Button>
        </Flex>

        {error && !inspection ? (
          <Banner tone="danger" title={t('inspection.error', 'The inspection could not run')}>
            <Typography textColor="neutral800">{error}</Typography>
          </Banner>
        ) : null}

        {inspection ? (
          <>
            {inspection.singleVeto ? (
              <Banner tone="danger" testId="statistics-single-veto" title={t('inspection.veto.title', '单项否决: the site would fail the inspection')}>
                <Box tag="ul" style={{ listStyle: 'disc', paddingInlineStart: '1.25rem' }}>
                  {inspection.vetoReasons.map((reason) => (
                    <li key={reason}>
                      <Typography textColor="neutral800">{reason}</Typography>
                    </li>
                  ))}
                </Box>
              </Banner>
            ) : inspection.failing.length > 0 ? (
              <Banner tone="warning" testId="statistics-no-veto" title={t('inspection.noVeto.title', 'No 单项否决')}>
                <Typography textColor="neutral800">
                  {t('inspection.noVeto.failing', '{count} rules fail; fix them before the inspectors find them.', { count: inspection.failing.length })}
                </Typography>
              </Banner>
            ) : (
              <Banner tone="success" testId="statistics-all-pass" title={t('inspection.pass.title', 'All inspection rules pass')}>
                <Typography textColor="neutral800">{t('inspection.pass.body', 'No stale or empty columns, no overdue requests.')}</Typography>
              </Banner>
            )}

            {inspection.failing.map((rule) => (
              <RuleBlock key={rule.rule} rule={rule} name={ruleName(rule.rule, rule.name)} t={t} />
            ))}

            {inspection.passing.length > 0 && (
              <Flex gap={2} wrap="wrap" alignItems="center" data-testid="statistics-passing-rules">
                <Typography variant="pi" fontWeight="bold" textColor="neutral600">
                  {t('inspection.passing', 'Passing:')}
                </Typography>
                {RULE_KEYS.filter((r) => inspection.passing.includes(r)).map((r) => (
                  <Flex key={r} gap={1} alignItems="center" tag="span">
                    <CheckCircle fill="success600" width="1.2rem" height="1.2rem" aria-hidden />
                    <Typography variant="pi" textColor="neutral700">
                      {ruleName(r, r)}
                    </Typography>
                  </Flex>
                ))}
              </Flex>
            )}
          </>
        ) : null}
      </Flex>
    </Box>
  );
};

const TONES = {
  danger: { background: 'danger100', border: 'danger200', icon: 'danger600', Icon: WarningCircle },
  warning: { background: 'warning100', border: 'warning200', icon: 'warning600', Icon: WarningCircle },
  success: { background: 'success100', border: 'success200', icon: 'success600', Icon: CheckCircle },
} as const;

/** A status banner (the design system's Alert lays title and body on one line and always shows a close button). */
const Banner = ({ tone, title, testId, children }: { tone: keyof typeof TONES; title: string; testId?: string; children: React.ReactNode }) => {
  const { background, border, icon, Icon } = TONES[tone];
  return (
    <Box background={background} borderColor={border} hasRadius padding={4} role={tone === 'success' ? 'status' : 'alert'} data-testid={testId}>
      <Flex gap={3} alignItems="flex-start">
        <Icon fill={icon} width="2rem" height="2rem" aria-hidden style={{ flexShrink: 0 }} />
        <Flex direction="column" alignItems="flex-start" gap={2}>
          <Typography variant="omega" fontWeight="bold" textColor={icon} tag="p">
            {title}
          </Typography>
          {children}
        </Flex>
      </Flex>
    </Box>
  );
};

type T = (id: string, defaultMessage: string, values?: Record<string, string | number>) => string;

const RuleBlock = ({ rule, name, t }: { rule: RuleResult; name: string; t: T }) => {
  const [all, setAll] = React.useState(false);
  const shown = all ? rule.entries : rule.entries.slice(0, SHOWN);
  const headingId = `statistics-rule-${rule.rule}`;
  const codeHeader = rule.entries.some((e) => e.type === 'law') ? t('inspection.col.number', 'No.') : t('inspection.col.code', 'Code');
  // requests are named after their tracking number; only columns and sites have a "last update"
  const showCode = rule.entries.some((e) => e.code && !e.name.includes(e.code));
  const showLast = rule.entries.some((e) => e.type === 'node' || e.type === 'organization');
  const cols = 4 + (showCode ? 1 : 0) + (showLast ? 1 : 0);
  return (
    <Box
      tag="section"
      aria-labelledby={headingId}
      hasRadius
      borderColor={rule.veto ? 'danger200' : 'neutral200'}
      background={rule.veto ? 'danger100' : 'neutral100'}
      padding={4}
      data-testid={`statistics-rule-${rule.rule}`}
    >
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Flex gap={2} wrap="wrap" alignItems="center">
          <Typography variant="omega" fontWeight="bold" tag="h3" id={headingId}>
            {name}
          </Typography>
          <Badge textColor={rule.veto ? 'danger600' : 'warning600'} backgroundColor={rule.veto ? 'danger200' : 'warning100'}>
            {t('inspection.count', '{count} found', { count: rule.count })}
          </Badge>
          {rule.threshold !== null && rule.rule !== 'homePage' && (
            <Typography variant="pi" textColor="neutral600">
              {t('inspection.threshold', '单项否决 threshold: {threshold}', { threshold: rule.threshold })}
            </Typography>
          )}
          {rule.veto && (
            <Badge textColor="neutral0" backgroundColor="danger600">
              {t('inspection.vetoBadge', '单项否决')}
            </Badge>
          )}
        </Flex>
        <Box background="neutral0" hasRadius>
          <Table colCount={cols} rowCount={shown.length + 1}>
            <TableHeader
              columns={[
                t('inspection.col.name', 'Column / document'),
                ...(showCode ? [codeHeader] : []),
                t('inspection.col.owner', 'Organisation'),
                ...(showLast ? [t('inspection.col.lastUpdate', 'Last update')] : []),
                t('inspection.col.since', 'Failing since'),
                t('inspection.col.days', 'Days failing'),
              ]}
            />
            <Tbody>
              {shown.map((e, i) => (
                // a law issued jointly appears once per organisation
                <EntryRow key={`${e.type}:${e.documentId}:${e.organization?.documentId ?? ''}:${i}`} entry={e} t={t} showCode={showCode} showLast={showLast} />
              ))}
            </Tbody>
          </Table>
        </Box>
        {rule.entries.length > SHOWN && (
          <Flex>
            <Button variant="tertiary" size="S" onClick={() => setAll((v) => !v)} aria-expanded={all}>
              {all ? t('inspection.showLess', 'Show fewer') : t('inspection.showAll', 'Show all {count}', { count: rule.entries.length })}
            </Button>
          </Flex>
        )}
      </Flex>
    </Box>
  );
};

const EntryRow = ({ entry, t, showCode, showLast }: { entry: InspectionEntry; t: T; showCode: boolean; showLast: boolean }) => {
  const to = entryEditPath(entry);
  const days = entry.failingDays;
  return (
    <Tr data-entry-type={entry.type} data-document-id={entry.documentId}>
      <Td style={{ maxWidth: '28rem' }}>
        {to ? (
          <Link tag={RouterLink} to={to}>
            <Typography ellipsis textColor="primary600" fontWeight="semiBold">
              {entry.name}
            </Typography>
          </Link>
        ) : (
          <Typography fontWeight="semiBold">{entry.name}</Typography>
        )}
      </Td>
      {showCode && (
        <Td>
          <Typography textColor="neutral700">{entry.code || '-'}</Typography>
        </Td>
      )}
      <Td style={{ maxWidth: '16rem' }}>
        {entry.organization ? (
          <Link tag={RouterLink} to={editViewPath(UID.organization, entry.organization.documentId)}>
            <Typography ellipsis textColor="neutral800">
              {entry.organization.name}
            </Typography>
          </Link>
        ) : (
          <Typography textColor="neutral600">{t('inspection.wholeSite', 'Whole site')}</Typography>
        )}
      </Td>
      {showLast && (
        <Td>
          <Typography textColor="neutral700">{entry.lastUpdate || (entry.type === 'node' ? t('inspection.noItems', 'no items') : t('inspection.never', 'never'))}</Typography>
        </Td>
      )}
      <Td>
        <Typography textColor="neutral700">{entry.failingSince}</Typography>
      </Td>
      <Td>
        <Typography fontWeight="bold" textColor={days >= 30 ? 'danger600' : days >= 7 ? 'warning600' : 'neutral800'}>
          {t('inspection.days', '{count} d', { count: days })}
        </Typography>
      </Td>
    </Tr>
  );
};
