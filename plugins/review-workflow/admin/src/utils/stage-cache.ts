import * as React from 'react';
import { api, type StageMap } from '../api';

/**
 * Stages for the list-view column: every cell asks for its document, the requests of one render are
 * batched into one GET /review-workflow/stages/:uid?documentIds=… per content type (no N+1), and
 * answers are cached briefly. The edit-view panel calls `invalidateStages()` after each change.
 */
type StageInfo = StageMap[string];
const TTL_MS = 15_000;
const BATCH = 100;

const cache = new Map<string, { value: StageInfo | null; at: number }>();
const inflight = new Map<string, Promise<StageInfo | null>>();
const queues = new Map<string, Map<string, Array<(v: StageInfo | null) => void>>>();
let timer: ReturnType<typeof setTimeout> | null = null;
let generation = 0;

const keyOf = (uid: string, documentId: string) => `${uid}\u0000${documentId}`;

function flush() {
  timer = null;
  const gen = generation;
  for (const [uid, waiting] of queues) {
    queues.delete(uid);
    const ids = [...waiting.keys()];
    for (let i = 0; i < ids.length; i += BATCH) {
      const chunk = ids.slice(i, i + BATCH);
      api
        .stages(uid, chunk)
        .catch((): StageMap => ({}))
        .then((map) => {
          for (const id of chunk) {
            const value = map[id] ?? null;
            if (gen === generation) cache.set(keyOf(uid, id), { value, at: Date.now() });
            inflight.delete(keyOf(uid, id));
            waiting.get(id)?.forEach((resolve) => resolve(value));
          }
        });
    }
  }
}

export function loadStage(uid: string, documentId: string): Promise<StageInfo | null> {
  const key = keyOf(uid, documentId);
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return Promise.resolve(hit.value);
  const running = inflight.get(key);
  if (running) return running;
  const promise = new Promise<StageInfo | null>((resolve) => {
    const waiting = queues.get(uid) ?? new Map<string, Array<(v: StageInfo | null) => void>>();
    queues.set(uid, waiting);
    waiting.set(documentId, [...(waiting.get(documentId) ?? []), resolve]);
    if (!timer) timer = setTimeout(flush, 0);
  });
  inflight.set(key, promise);
  return promise;
}

export function cachedStage(uid: string, documentId: string): StageInfo | null | undefined {
  return cache.get(keyOf(uid, documentId))?.value;
}

export function invalidateStages() {
  generation++;
  cache.clear();
}

export function useStage(uid: string, documentId: string | undefined) {
  const [value, setValue] = React.useState<StageInfo | null | undefined>(() => (documentId ? cachedStage(uid, documentId) : null));
  React.useEffect(() => {
    if (!documentId) return;
    let alive = true;
    void loadStage(uid, documentId).then((v) => {
      if (alive) setValue(v);
    });
    return () => {
      alive = false;
    };
  }, [uid, documentId]);
  return value;
}
