import { Badge, Box, Flex, TextButton, Typography } from '@strapi/design-system';
import { ArrowClockwise, Check } from '@strapi/icons';
import { useNotification, unstable_useDocumentLayout } from '@strapi/strapi/admin';
import type { Finding } from '../../api';
import { focusField } from '../../utils/focusField';
import type { T } from './useT';
import { SectionHeader } from './parts';

interface ChecksListProps {
  model: string;
  findings: Finding[];
  blocking: number;
  warnings: number;
  checking: boolean;
  onRerun: () => void;
  t: T;
}

/** The check findings of the draft; a click on one selects the flagged text in its field. */
export const ChecksList = ({ model, findings, blocking, warnings, checking, onRerun, t }: ChecksListProps) => {
  const { toggleNotification } = useNotification();
  const { edit } = unstable_useDocumentLayout(model);

  const labelOf = (field: string) => {
    const name = field.replace(/\[.*$/, '').split('.')[0];
    const meta = (edit?.metadatas as Record<string, { label?: string } | undefined> | undefined)?.[name];
    return meta?.label || name;
  };

  const onFinding = (f: Finding) => {
    const ok = focusField(f.field, { label: labelOf(f.field), start: f.start, end: f.end });
    if (!ok) {
      toggleNotification({ type: 'info', message: t('checks.fieldNotShown', 'The field “{field}” is not shown in this view.', { field: labelOf(f.field) }) });
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <SectionHeader title={t('checks.title', 'Checks')}>
        <TextButton startIcon={<ArrowClockwise />} onClick={onRerun} disabled={checking}>
          {t('checks.rerun', 'Re-check')}
        </TextButton>
      </SectionHeader>
      {findings.length === 0 ? (
        <Flex gap={2} alignItems="center">
          <Check fill="success600" width="1.2rem" height="1.2rem" />
          <Typography variant="pi" textColor="neutral700">
            {checking ? t('checks.running', 'Checking…') : t('checks.none', 'No findings')}
          </Typography>
        </Flex>
      ) : (
        <>
          <Flex gap={2} wrap="wrap">
            {blocking > 0 && (
              <Badge variant="danger" size="S">
                {t('checks.blockingCount', '{count} to fix', { count: blocking })}
              </Badge>
            )}
            {warnings > 0 && (
              <Badge variant="warning" size="S">
                {t('checks.warningCount', '{count} warnings', { count: warnings })}
              </Badge>
            )}
          </Flex>
          <Flex tag="ul" direction="column" alignItems="stretch" gap={2} data-testid="review-findings">
            {findings.map((f, i) => (
              <li key={`${f.check}-${f.field}-${f.start}-${i}`}>
                <FindingButton finding={f} fieldLabel={labelOf(f.field)} onClick={() => onFinding(f)} severityLabel={f.severity === 'blocking' ? t('checks.blocking', 'Must fix') : t('checks.warning', 'Warning')} suggestionLabel={t('checks.suggestion', 'Suggestion: ')} />
              </li>
            ))}
          </Flex>
        </>
      )}
    </Flex>
  );
};

const FindingButton = ({ finding, fieldLabel, severityLabel, suggestionLabel, onClick }: { finding: Finding; fieldLabel: string; severityLabel: string; suggestionLabel: string; onClick: () => void }) => {
  const danger = finding.severity === 'blocking';
  return (
    <Box
      tag="button"
      type="button"
      onClick={onClick}
      width="100%"
      padding={2}
      hasRadius
      background={danger ? 'danger100' : 'warning100'}
      borderColor={danger ? 'danger200' : 'warning200'}
      borderStyle="solid"
      borderWidth="1px"
      cursor="pointer"
      textAlign="left"
      data-field={finding.field}
      data-check={finding.check}
    >
      <Flex direction="column" alignItems="stretch" gap={1}>
        <Flex gap={2} alignItems="center" justifyContent="space-between">
          <Typography variant="pi" fontWeight="bold" textColor={danger ? 'danger700' : 'warning700'}>
            {fieldLabel}
          </Typography>
          <Typography variant="pi" textColor={danger ? 'danger600' : 'warning600'}>
            {severityLabel}
          </Typography>
        </Flex>
        <Typography variant="pi" textColor="neutral800">
          {finding.message}
        </Typography>
        {finding.snippet && (
          <Typography variant="pi" textColor="neutral600" style={{ wordBreak: 'break-all' }}>
            “{finding.snippet}”
          </Typography>
        )}
        {finding.suggestion && (
          <Typography variant="pi" textColor="neutral600">
            {suggestionLabel}
            {finding.suggestion}
          </Typography>
        )}
      </Flex>
    </Box>
  );
};
