import * as React from 'react';
import { useFetchClient, useNotification, useQueryParams, unstable_useDocument, useDocumentRBAC } from '@strapi/strapi/admin';
import type { PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import {
  CHECKLIST_KEYS,
  TRANSITIONS,
  documentPath,
  errorOf,
  transitionOf,
  type CheckResult,
  type Checklist,
  type ReviewAction,
  type ReviewState,
} from '../../api';
import { invalidateStages } from '../../utils/stage-cache';
import { useT } from './useT';

/** Same cache entry as the edit view's own document query, so a refetch updates the page (also WordImportPanel). */
export function useEditViewDocument(model: string, collectionType: string, documentId: string) {
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

type Document = PanelComponentProps['document'];

/** What the panel shows, derived from the loaded state (the actions in the order of the workflow's transition table). */
function deriveView(state: ReviewState, checks: CheckResult | null, checklist: Checklist, document: Document) {
  const currentStage = state.stages.find((s) => s.key === state.stage);
  const stageIndex = state.stages.findIndex((s) => s.key === state.stage);
  const actions: ReviewAction[] = TRANSITIONS.map((t) => t.action).filter((a) => state.actions.includes(a));
  const needsChecklist = !!currentStage?.checklist && actions.some((a) => transitionOf(a)?.checklist);
  const checklistComplete = CHECKLIST_KEYS.every((k) => checklist[k] === true);
  const commentRequiredBy = actions.filter((a) => transitionOf(a)?.commentRequired);
  const isPublished = document?.status === 'published' || document?.status === 'modified' || !!document?.publishedAt;
  const findings = checks?.findings ?? state.checks?.findings ?? [];
  const blocking = findings.filter((f) => f.severity === 'blocking').length;
  const warnings = findings.length - blocking;
  return { currentStage, stageIndex, actions, needsChecklist, checklistComplete, commentRequiredBy, isPublished, findings, blocking, warnings };
}

export type ReviewView = ReturnType<typeof deriveView>;

/**
 * The review panel's data and actions: loads the review state and the checks (again whenever the document
 * is saved, published or unpublished), takes an action (POST …/actions), keeps the comment and checklist.
 */
export function useReviewState({ model, collectionType, documentId, document }: PanelComponentProps & { documentId: string }) {
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const canPublish = useDocumentRBAC('ReviewWorkflowPanel', (s) => s.canPublish, false);
  const { refetch } = useEditViewDocument(model, collectionType, documentId);
  const t = useT();

  const [state, setState] = React.useState<ReviewState | null>(null);
  const [checks, setChecks] = React.useState<CheckResult | null>(null);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  const [checking, setChecking] = React.useState(false);
  const [busy, setBusy] = React.useState<ReviewAction | 'publish' | null>(null);
  const [comment, setComment] = React.useState('');
  const [commentError, setCommentError] = React.useState<string | null>(null);
  const [checklist, setChecklist] = React.useState<Checklist>({});

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

  const act = async (action: ReviewAction) => {
    if (!state) return;
    const transition = transitionOf(action);
    if (transition?.commentRequired && !comment.trim()) {
      setCommentError(t('actions.commentRequired', 'A comment is required to send back.'));
      return;
    }
    setBusy(action);
    setCommentError(null);
    try {
      const body: { action: ReviewAction; comment?: string; checklist?: Checklist } = { action };
      if (comment.trim()) body.comment = comment.trim();
      if (transition?.checklist && state.stages.find((st) => st.key === state.stage)?.checklist) body.checklist = checklist;
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

  const changeComment = (value: string) => {
    setComment(value);
    if (commentError) setCommentError(null);
  };

  /** 发布 from the panel at 待发布 (the Content Manager's publish action: the publish gate decides). */
  const publish = async () => {
    setBusy('publish');
    try {
      await post(`/content-manager/${collectionType}/${model}/${documentId}/actions/publish`, {});
      toggleNotification({ type: 'success', message: t('publish.done', 'Published.') });
      refetch();
      void load();
      invalidateStages();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorOf(e).message });
    } finally {
      setBusy(null);
    }
  };

  /** After 撤稿: the new state, and the edit view's document reloaded. */
  const unpublished = (next: ReviewState) => {
    setState(next);
    refetch();
    invalidateStages();
  };

  return {
    base,
    state,
    loadError,
    view: state ? deriveView(state, checks, checklist, document) : null,
    canPublish,
    publish,
    checking,
    busy,
    comment,
    commentError,
    checklist,
    setChecklist,
    changeComment,
    load,
    runChecks,
    act,
    unpublished,
  };
}

export type ReviewStateApi = ReturnType<typeof useReviewState>;
