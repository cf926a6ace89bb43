import * as React from 'react';
import { api, type ReviewConfig, type Stage } from '../api';
import { UID } from '../../../../../src/foundation/constants';

/**
 * GET /review-workflow/config, loaded once per session after login and shared by the edit-view panel,
 * the 待我审核 page and the list-view column. The list-view hook is synchronous, so the reviewed UIDs
 * are also kept in localStorage; before the first load it falls back to the plugin's default types.
 */
const STORAGE_KEY = 'review-workflow.reviewedUids';
const DEFAULT_REVIEWED: string[] = [UID.item, UID.law, UID.annualReport];

let config: ReviewConfig | null = null;
let pending: Promise<ReviewConfig | null> | null = null;
let lastFailure = 0;
const listeners = new Set<() => void>();

export function loadConfig(): Promise<ReviewConfig | null> {
  if (config) return Promise.resolve(config);
  if (pending) return pending;
  if (Date.now() - lastFailure < 5000) return Promise.resolve(null);
  pending = api
    .config()
    .then((data) => {
      config = data;
      try {
        localStorage.setItem(STORAGE_KEY, JSON.stringify(Object.keys(data.contentTypes ?? {})));
      } catch {
        /* storage unavailable: the in-memory config is enough */
      }
      listeners.forEach((l) => l());
      return data;
    })
    .catch(() => {
      lastFailure = Date.now();
      return null;
    })
    .finally(() => {
      pending = null;
    });
  return pending;
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};
const snapshot = () => config;

/** The plugin config (null until loaded); triggers the load. */
export function useReviewConfig(): ReviewConfig | null {
  const value = React.useSyncExternalStore(subscribe, snapshot, snapshot);
  React.useEffect(() => {
    if (!config) void loadConfig();
  }, []);
  return value;
}

/** Reviewed content-type UIDs, synchronously (for the list-view hook). */
export function reviewedUids(): string[] {
  if (config) return Object.keys(config.contentTypes ?? {});
  try {
    const cached = localStorage.getItem(STORAGE_KEY);
    if (cached) {
      const parsed: unknown = JSON.parse(cached);
      if (Array.isArray(parsed)) return parsed.filter((u): u is string => typeof u === 'string');
    }
  } catch {
    /* fall through */
  }
  return DEFAULT_REVIEWED;
}

/** Stages of the workflow a content type uses. */
export function stagesOf(cfg: ReviewConfig | null, uid: string): Stage[] {
  const name = cfg?.contentTypes?.[uid];
  const wf = name ? cfg?.workflows?.[name] : undefined;
  return (wf?.stages ?? []).map(({ key, name: stageName, color, checklist }) => ({ key, name: stageName, color, checklist: !!checklist }));
}
