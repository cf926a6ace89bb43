import * as React from 'react';
import { useIntl } from 'react-intl';
import {
  Badge,
  Box,
  Button,
  Checkbox,
  Dialog,
  Divider,
  Field,
  Flex,
  Loader,
  TextButton,
  Textarea,
  Typography,
} from '@strapi/design-system';
import { ArrowClockwise, Check, Cross, Download, EyeStriked, PaperPlane, ArrowLeft, WarningCircle, CheckCircle } from '@strapi/icons';
import {
  useFetchClient,
  useNotification,
  useQueryParams,
  unstable_useDocument,
  unstable_useDocumentLayout,
  useDocumentRBAC,
} from '@strapi/strapi/admin';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import {
  CHECKLIST_KEYS,
  documentPath,
  errorOf,
  type AuditEntry,
  type CheckResult,
  type Checklist,
  type Finding,
  type ReviewAction,
  type ReviewState,
} from '../api';
import { useReviewConfig } from '../utils/config-store';
import { invalidateStages } from '../utils/stage-cache';
import { focusField } from '../utils/focusField';
import { getTrad } from '../utils/getTrad';
import { StageBadge, tint } from './StageBadge';

/* -------------------------------------------------------------------------------------------------
 * The side panel of the Content Manager edit view (registered with addEditViewSidePanel)
 * -----------------------------------------------------------------------------------------------*/

const ReviewPanel: PanelComponent = (props: PanelComponentProps) => {
  const { formatMessage } = useIntl();
  const config = useReviewConfig();
  if (!config || !config.contentTypes?.[props.model]) return null;
  const title = formatMessage({ id: getTrad('panel.title'), defaultMessage: 'Review' });
  if (!props.documentId || !props.document) {
    return {
      title,
      content: (
        <Typography variant="pi" textColor="neutral600">
          {formatMessage({ id: getTrad('panel.saveFirst'), defaultMessage: 'Save the draft to start the review.' })}
        </Typography>
      ),
    };
  }
  return { title, content: <ReviewPanelContent {...props} documentId={props.documentId} /> };
};
ReviewPanel.displayName = 'ReviewWorkflowPanel';

export { ReviewPanel };

/* -------------------------------------------------------------------------------------------------
 * Content
 * -----------------------------------------------------------------------------------------------*/

const ACTION_ORDER: ReviewAction[] = ['submit', 'approve', 'reject', 'withdraw'];
const BUTTON_LABELS: Record<ReviewAction, string> = { submit: 'Submit for review', approve: 'Approve', reject: 'Send back', withdraw: 'Withdraw' };
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

/** Same cache entry as the edit view's own document query, so a refetch updates the page. */
function useEditViewDocument(model: string, collectionType: string, documentId: string) {
  const [{ query }] = useQueryParams<Record<string, unknown>>();
  const params = React.useMemo(() => {
    const { plugins, ...rest } = (query ?? {}) as Record<string, unknown>;
    const flat = Object.values((plugins ?? {}) as Record<string, unknown>).reduce<Record<string, unknown>>(
      (acc, v) => (typeof v === 'object' && v !== null ? Object.assign(acc, v) : acc),
      {}
    );
    return { ...rest, ...flat };
  }, [query]);
  return unstable_useDocument({ model, collectionType, documentId, params });
}

const ReviewPanelContent = ({ model, collectionType, documentId, document }: PanelComponentProps & { documentId: string }) => {
  const { formatMessage, formatDate, formatTime } = useIntl();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const canPublish = useDocumentRBAC('ReviewWorkflowPanel', (s) => s.canPublish, false);
  const { edit } = unstable_useDocumentLayout(model);
  const { refetch } = useEditViewDocument(model, collectionType, documentId);

  const [state, setState] = React.useState<ReviewState | null>(null);
  const [checks, setChecks] = React.useState<CheckResult | null>(null);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  const [checking, setChecking] = React.useState(false);
  const [busy, setBusy] = React.useState<ReviewAction | null>(null);
  const [comment, setComment] = React.useState('');
  const [commentError, setCommentError] = React.useState<string | null>(null);
  const [checklist, setChecklist] = React.useState<Checklist>({});
  const [showAllHistory, setShowAllHistory] = React.useState(false);

  const t = (id: string, defaultMessage: string, values?: Record<string, React.ReactNode>) =>
    formatMessage({ id: getTrad(id), defaultMessage }, values as Record<string, string>) as string;

  const base = documentPath(model, documentId);

  // answers of superseded requests (several saves in a row) are dropped
  const checksSeq = React.useRef(0);
  const loadSeq = React.useRef(0);

  const runChecks = React.useCallback(async () => {
    const seq = ++checksSeq.current;
    setChecking(true);
    try {
      const { data } = await post<CheckResult>(`${base}/checks`, {});
      if (seq === checksSeq.current) setChecks(data);
    } catch {
      /* no draft (e.g. deleted): keep the last recorded checks */
    } finally {
      setChecking(false);
    }
  }, [base, post]);

  const load = React.useCallback(async () => {
    const seq = ++loadSeq.current;
    try {
      const { data } = await get<ReviewState>(base);
      if (seq !== loadSeq.current) return;
      setState(data);
      setLoadError(null);
    } catch (e) {
      if (seq === loadSeq.current) setLoadError(errorOf(e).message);
    }
  }, [base, get]);

  // load, and reload whenever the document is saved, published or unpublished
  const savedKey = `${document?.updatedAt ?? ''}|${document?.publishedAt ?? ''}|${document?.status ?? ''}`;
  React.useEffect(() => {
    void load();
    void runChecks();
    invalidateStages();
  }, [load, runChecks, savedKey]);

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

  const act = async (action: ReviewAction) => {
    if (!state) return;
    if (action === 'reject' && !comment.trim()) {
      setCommentError(t('actions.commentRequired', 'A comment is required to send back.'));
      return;
    }
    setBusy(action);
    setCommentError(null);
    try {
      const body: { action: ReviewAction; comment?: string; checklist?: Checklist } = { action };
      if (comment.trim()) body.comment = comment.trim();
      if (action === 'approve' && state.stages.find((st) => st.key === state.stage)?.checklist) body.checklist = checklist;
      const { data } = await post<ReviewState>(`${base}/actions`, body);
      loadSeq.current++;
      setState(data);
      setComment('');
      setChecklist({});
      invalidateStages();
      void runChecks();
      toggleNotification({
        type: 'success',
        message: t(`actions.done.${action}`, 'Done: now at “{stage}”', { stage: data.stageName }),
      });
    } catch (e) {
      const err = errorOf(e);
      if (err.findings?.length) setChecks({ findings: err.findings, blocking: err.findings.some((f) => f.severity === 'blocking') });
      if (err.paths.includes('comment')) setCommentError(err.message);
      toggleNotification({ type: 'danger', message: err.message });
      if (err.status === 403 || err.status === 400) void load();
    } finally {
      setBusy(null);
    }
  };

  if (loadError && !state) {
    return (
      <Flex direction="column" alignItems="stretch" gap={2} width="100%">
        <Typography variant="pi" textColor="danger600">
          {loadError}
        </Typography>
        <TextButton startIcon={<ArrowClockwise />} onClick={() => void load()}>
          {t('panel.retry', 'Retry')}
        </TextButton>
      </Flex>
    );
  }
  if (!state) {
    return (
      <Flex justifyContent="center" width="100%" padding={2}>
        <Loader small>{t('panel.loading', 'Loading review…')}</Loader>
      </Flex>
    );
  }

  const currentStage = state.stages.find((s) => s.key === state.stage);
  const stageIndex = state.stages.findIndex((s) => s.key === state.stage);
  const stageName = (key: string | null) => {
    if (!key) return '';
    if (key === 'published') return t('stage.published', 'Published');
    return state.stages.find((s) => s.key === key)?.name ?? key;
  };
  const actions = ACTION_ORDER.filter((a) => state.actions.includes(a));
  const needsChecklist = !!currentStage?.checklist && actions.includes('approve');
  const checklistComplete = CHECKLIST_KEYS.every((k) => checklist[k] === true);
  const isPublished = document?.status === 'published' || document?.status === 'modified' || !!document?.publishedAt;
  const findings = checks?.findings ?? state.checks?.findings ?? [];
  const blocking = findings.filter((f) => f.severity === 'blocking').length;
  const warnings = findings.length - blocking;
  const history = [...state.history].reverse();
  const shownHistory = showAllHistory ? history : history.slice(0, 5);

  return (
    <Flex direction="column" alignItems="stretch" gap={4} width="100%" data-testid="review-panel">
      {/* ---------------------------------------------------------------- stage */}
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Flex justifyContent="space-between" alignItems="center" gap={2} wrap="wrap">
          <Typography variant="sigma" textColor="neutral600">
            {t('stage.current', 'Stage')}
          </Typography>
          <StageBadge name={state.stageName} color={state.stageColor} />
        </Flex>
        <Flex gap={1} aria-hidden>
          {state.stages.map((s, i) => (
            <Box
              key={s.key}
              title={s.name}
              flex="1"
              style={{
                height: 6,
                borderRadius: 3,
                background: i <= stageIndex ? s.color : tint(s.color, 0.18),
                boxShadow: i === stageIndex ? `0 0 0 2px ${tint(s.color, 0.35)}` : undefined,
              }}
            />
          ))}
        </Flex>
        <Flex justifyContent="space-between">
          <Typography variant="pi" textColor="neutral500">
            {state.stages[0]?.name}
          </Typography>
          <Typography variant="pi" textColor="neutral500">
            {state.stages[state.stages.length - 1]?.name}
          </Typography>
        </Flex>
        {document?.status === 'published' && state.publishable ? (
          <Flex gap={2} alignItems="center">
            <CheckCircle fill="success600" width="1.4rem" height="1.4rem" />
            <Typography variant="pi" textColor="success600" fontWeight="bold">
              {t('stage.publishedApproved', 'Published as approved')}
            </Typography>
          </Flex>
        ) : state.publishable ? (
          <Flex gap={2} alignItems="center">
            <CheckCircle fill="success600" width="1.4rem" height="1.4rem" />
            <Typography variant="pi" textColor="success600" fontWeight="bold">
              {t('stage.publishable', 'Approved — may be published')}
            </Typography>
          </Flex>
        ) : state.stage === state.publishStage ? (
          <Flex gap={2} alignItems="center">
            <WarningCircle fill="warning600" width="1.4rem" height="1.4rem" />
            <Typography variant="pi" textColor="warning600">
              {t('stage.changedAfterApproval', 'Changed after approval: submit again')}
            </Typography>
          </Flex>
        ) : null}
      </Flex>

      <Divider />

      {/* ---------------------------------------------------------------- checks */}
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Flex justifyContent="space-between" alignItems="center">
          <Typography variant="sigma" textColor="neutral600">
            {t('checks.title', 'Checks')}
          </Typography>
          <TextButton startIcon={<ArrowClockwise />} onClick={() => void runChecks()} disabled={checking}>
            {t('checks.rerun', 'Re-check')}
          </TextButton>
        </Flex>
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

      <Divider />

      {/* ---------------------------------------------------------------- actions */}
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography variant="sigma" textColor="neutral600">
          {t('actions.title', 'Review')}
        </Typography>
        {actions.length === 0 ? (
          <Typography variant="pi" textColor="neutral600">
            {state.stage === state.publishStage
              ? canPublish
                ? t('actions.noneReady', 'Approved: publish with the “Publish” button.')
                : t('actions.noneReadyNoPublish', 'Approved: waiting for publication.')
              : t('actions.none', 'Waiting for “{stage}”: nothing for you to do.', { stage: state.stageName })}
          </Typography>
        ) : (
          <>
            {needsChecklist && (
              <Flex direction="column" alignItems="stretch" gap={2} padding={3} hasRadius background="neutral100" data-testid="review-checklist">
                <Typography variant="pi" fontWeight="bold" textColor="neutral800">
                  {t('checklist.title', 'Secrecy review checklist')}
                </Typography>
                {CHECKLIST_KEYS.map((key) => (
                  <Checkbox
                    key={key}
                    name={`review-checklist-${key}`}
                    checked={checklist[key] === true}
                    onCheckedChange={(v) => setChecklist((c) => ({ ...c, [key]: v === true }))}
                  >
                    {t(`checklist.${key}`, state.checklistItems?.[key] ?? key)}
                  </Checkbox>
                ))}
              </Flex>
            )}
            <Field.Root name="review-comment" error={commentError ?? undefined} hint={actions.includes('reject') ? t('actions.commentHint', 'Required when sending back.') : undefined}>
              <Field.Label>{t('actions.comment', 'Comment')}</Field.Label>
              <Textarea
                name="review-comment"
                value={comment}
                placeholder={t('actions.commentPlaceholder', 'Your opinion (recorded in the history)')}
                onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => {
                  setComment(e.target.value);
                  if (commentError) setCommentError(null);
                }}
              />
              <Field.Hint />
              <Field.Error />
            </Field.Root>
            <Flex direction="column" alignItems="stretch" gap={2}>
              {actions.map((action) => (
                <Button
                  key={action}
                  fullWidth
                  size="M"
                  loading={busy === action}
                  disabled={busy !== null || (action === 'approve' && needsChecklist && !checklistComplete) || (action === 'submit' && blocking > 0)}
                  variant={action === 'approve' ? 'success' : action === 'reject' ? 'danger-light' : action === 'withdraw' ? 'tertiary' : 'default'}
                  startIcon={action === 'submit' ? <PaperPlane /> : action === 'approve' ? <Check /> : action === 'reject' ? <Cross /> : <ArrowLeft />}
                  onClick={() => void act(action)}
                  data-action={action}
                >
                  {action === 'approve'
                    ? t('button.approveTo', 'Approve → {stage}', { stage: state.stages[stageIndex + 1]?.name ?? '' })
                    : t(`button.${action}`, BUTTON_LABELS[action])}
                </Button>
              ))}
              {actions.includes('submit') && blocking > 0 && (
                <Typography variant="pi" textColor="danger600">
                  {t('actions.fixFirst', 'Fix the findings marked “Must fix” before submitting.')}
                </Typography>
              )}
              {needsChecklist && !checklistComplete && (
                <Typography variant="pi" textColor="neutral600">
                  {t('checklist.hint', 'Confirm all four items to approve.')}
                </Typography>
              )}
            </Flex>
          </>
        )}
        {isPublished && canPublish && (
          <UnpublishButton
            path={`${base}/unpublish`}
            onDone={(next) => {
              setState(next);
              refetch();
              invalidateStages();
            }}
          />
        )}
      </Flex>

      <Divider />

      {/* ---------------------------------------------------------------- history */}
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Flex justifyContent="space-between" alignItems="center">
          <Typography variant="sigma" textColor="neutral600">
            {t('history.title', 'History')}
          </Typography>
          <ExportLinks base={base} documentId={documentId} />
        </Flex>
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
    </Flex>
  );
};

/* -------------------------------------------------------------------------------------------------
 * Pieces
 * -----------------------------------------------------------------------------------------------*/

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

const UnpublishButton = ({ path, onDone }: { path: string; onDone: (state: ReviewState) => void }) => {
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTrad(id), defaultMessage });
  const [open, setOpen] = React.useState(false);
  const [reason, setReason] = React.useState('');
  const [error, setError] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);

  const submit = async (e?: React.FormEvent) => {
    e?.preventDefault();
    if (reason.trim().length < 2) {
      setError(t('unpublish.reasonRequired', 'Give a reason (at least 2 characters).'));
      return;
    }
    setBusy(true);
    try {
      const { data } = await post<ReviewState>(path, { reason: reason.trim() });
      toggleNotification({ type: 'success', message: t('unpublish.done', 'Unpublished; the reason is recorded.') });
      setOpen(false);
      setReason('');
      onDone(data);
    } catch (err) {
      const info = errorOf(err);
      setError(info.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog.Root open={open} onOpenChange={(v) => { setOpen(v); if (!v) setError(null); }}>
      <Dialog.Trigger>
        <Button fullWidth variant="danger-light" startIcon={<EyeStriked />} data-action="unpublish">
          {t('unpublish.button', 'Unpublish…')}
        </Button>
      </Dialog.Trigger>
      <Dialog.Content>
        <form onSubmit={(e) => void submit(e)}>
          <Dialog.Header>{t('unpublish.title', 'Unpublish with a reason')}</Dialog.Header>
          <Dialog.Body>
            <Flex direction="column" alignItems="stretch" gap={3} width="100%">
              <Typography variant="omega" textColor="neutral700">
                {t('unpublish.explain', 'The item is taken off the public site. The reason is kept in the audit trail.')}
              </Typography>
              <Field.Root name="unpublish-reason" required error={error ?? undefined}>
                <Field.Label>{t('unpublish.reason', 'Reason')}</Field.Label>
                <Textarea
                  name="unpublish-reason"
                  value={reason}
                  onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => {
                    setReason(e.target.value);
                    setError(null);
                  }}
                />
                <Field.Error />
              </Field.Root>
            </Flex>
          </Dialog.Body>
          <Dialog.Footer>
            <Dialog.Cancel>
              <Button variant="tertiary" type="button">
                {t('unpublish.cancel', 'Cancel')}
              </Button>
            </Dialog.Cancel>
            <Button variant="danger" type="submit" loading={busy}>
              {t('unpublish.confirm', 'Unpublish')}
            </Button>
          </Dialog.Footer>
        </form>
      </Dialog.Content>
    </Dialog.Root>
  );
};
