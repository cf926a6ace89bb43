import * as React from 'react';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { Box, Button, Field, Flex, Link, SingleSelect, SingleSelectOption, Status, Typography } from '@strapi/design-system';
import { Download, Eye } from '@strapi/icons';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { editViewPath, paths, UID, type AnnualReportBuild, type Organization } from '../api';
import { errorMessage } from '../../../../admin-kit/admin/src/errors';
import { useFetch } from '../../../../admin-kit/admin/src/useFetch';
import { downloadFile, previewHtml, safeName } from '../../../../admin-kit/admin/src/download';
import { getTrad } from '../utils/getTrad';

interface Props {
  org: Organization | null;
  year: number;
  years: number[];
  onYearChange: (year: number) => void;
}

/** The annual report (2021 format) of the chosen organisation and year: validation state, HTML preview, .docx and .xlsx. */
export const AnnualReportSection = ({ org, year, years, onYearChange }: Props) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTrad(id), defaultMessage }, values);
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [busy, setBusy] = React.useState<string | null>(null);
  // the report of another organisation or year is never shown while the new one loads (resetOnChange)
  const report = useFetch(
    (client, signal) => client.get<AnnualReportBuild>(paths.annualReport(org!.documentId, year), { signal }).then((r) => r.data),
    [org?.documentId, year],
    { enabled: !!org, resetOnChange: true },
  );
  const build = org ? report.data : null;
  const buildError = org ? report.error?.message ?? null : null;

  const base = org ? `${safeName(org.name)}${year}年政府信息公开工作年度报告` : '';
  const run = async (key: string, task: () => Promise<void>) => {
    setBusy(key);
    try {
      await task();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };
  const errors = build?.validation.filter((v) => v.severity === 'error') ?? [];
  const warnings = build?.validation.filter((v) => v.severity === 'warning') ?? [];

  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={6} tag="section" aria-labelledby="statistics-report-title" data-testid="statistics-annual-report">
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography variant="delta" tag="h2" id="statistics-report-title">
            {t('report.title', 'Annual report (2021 format)')}
          </Typography>
          <Typography variant="pi" textColor="neutral600">
            {t('report.subtitle', 'Tables 2–4 computed from the laws and 依申请公开 data; editors adjust figures in the report draft.')}
          </Typography>
          <Typography textColor={org ? 'neutral800' : 'warning600'} fontWeight="semiBold" data-testid="statistics-report-org">
            {org ? t('report.forOrg', 'Organisation: {name}', { name: org.name }) : t('report.chooseOrg', 'Choose an organisation above')}
          </Typography>
        </Flex>
        <Flex gap={4} alignItems="flex-end" wrap="wrap">
          <Box width="12rem">
            <Field.Root name="report-year">
              <Field.Label>{t('report.year', 'Year')}</Field.Label>
              <SingleSelect value={year} onChange={(v) => onYearChange(Number(v))} data-testid="statistics-report-year">
                {years.map((y) => (
                  <SingleSelectOption key={y} value={y}>
                    {t('report.yearOption', '{year}', { year: y })}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
          </Box>
          <Flex gap={2} wrap="wrap">
            <Button
              variant="secondary"
              startIcon={<Eye />}
              disabled={!org}
              loading={busy === 'html'}
              onClick={() => org && run('html', () => previewHtml(get, paths.annualReport(org.documentId, year, 'html'), t('report.generating', 'Generating…')))}
              data-testid="statistics-report-html"
            >
              {t('report.html', 'Preview (HTML, new tab)')}
            </Button>
            <Button
              variant="secondary"
              startIcon={<Download />}
              disabled={!org}
              loading={busy === 'docx'}
              onClick={() => org && run('docx', () => downloadFile(get, paths.annualReport(org.documentId, year, 'docx'), `${base}.docx`))}
              data-testid="statistics-report-docx"
            >
              {t('report.docx', 'Word (.docx)')}
            </Button>
            <Button
              variant="secondary"
              startIcon={<Download />}
              disabled={!org}
              loading={busy === 'xlsx'}
              onClick={() => org && run('xlsx', () => downloadFile(get, paths.annualReport(org.documentId, year, 'xlsx'), `${base}.xlsx`))}
              data-testid="statistics-report-xlsx"
            >
              {t('report.xlsx', 'Tables (.xlsx)')}
            </Button>
          </Flex>
        </Flex>
        {org && (
          <Flex direction="column" alignItems="flex-start" gap={2} data-testid="statistics-report-validation">
            {buildError ? (
              <Typography textColor="danger600">{buildError}</Typography>
            ) : !build ? (
              <Typography variant="pi" textColor="neutral500">
                {t('report.checking', 'Checking the tables…')}
              </Typography>
            ) : (
              <>
                <Flex gap={3} wrap="wrap" alignItems="center">
                  <Status size="S" variant={build.valid ? 'success' : 'danger'}>
                    <Typography variant="pi" fontWeight="bold">
                      {build.valid
                        ? t('report.valid', 'All arithmetic rules of the format hold')
                        : t('report.invalid', '{count} arithmetic errors', { count: errors.length })}
                    </Typography>
                  </Status>
                  {warnings.length > 0 && (
                    <Typography variant="pi" textColor="warning600">
                      {t('report.warnings', '{count} warnings', { count: warnings.length })}
                    </Typography>
                  )}
                  <Typography variant="pi" textColor="neutral600">
                    {t('report.adjustments', '{count} adjusted figures', { count: build.adjustments.length })}
                  </Typography>
                  {build.report ? (
                    <Link tag={RouterLink} to={editViewPath(UID.annualReport, build.report.documentId)}>
                      {t('report.openDraft', 'Open the saved report in the Content Manager')}
                    </Link>
                  ) : (
                    <Typography variant="pi" textColor="neutral500">
                      {t('report.noDraft', 'No report saved for this year yet')}
                    </Typography>
                  )}
                </Flex>
                {[...errors, ...warnings].slice(0, 5).map((v, i) => (
                  <Typography key={i} variant="pi" textColor={v.severity === 'error' ? 'danger600' : 'warning600'}>
                    {v.message}
                  </Typography>
                ))}
              </>
            )}
          </Flex>
        )}
      </Flex>
    </Box>
  );
};
