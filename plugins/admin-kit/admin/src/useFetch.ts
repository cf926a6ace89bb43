import * as React from 'react';
import { useFetchClient, type FetchClient } from '@strapi/strapi/admin';
import { errorMessage } from './errors';

export interface FetchFailure {
  /** The Chinese message of the answer (or the network error). */
  message: string;
  /** The HTTP status, when the server answered. */
  status?: number;
}

export interface FetchState<T> {
  /** The last answer; kept while reloading and after a failed reload (unless `resetOnChange`). */
  data: T | null;
  error: FetchFailure | null;
  /** A load started by a change of `deps` or by `reload()` is running (polls are silent). */
  loading: boolean;
  /** Loads again now (the same `deps`); resolves when the answer has been stored. */
  reload: () => Promise<void>;
}

export interface FetchOptions {
  /** False: nothing is fetched (yet), e.g. until the organisations are known. Default true. */
  enabled?: boolean;
  /** Poll every `refreshMs` milliseconds, silently (no `loading`). */
  refreshMs?: number;
  /** Forget the previous answer when `deps` change (default: keep it on screen until the new one arrives). The error stays until an answer or another error. */
  resetOnChange?: boolean;
}

type State<T> = Pick<FetchState<T>, 'data' | 'error' | 'loading'>;
type Action<T> =
  | { type: 'start'; reset: boolean; loading: boolean }
  | { type: 'done'; data: T }
  | { type: 'failed'; error: FetchFailure }
  | { type: 'settled' };

function reducer<T>(state: State<T>, action: Action<T>): State<T> {
  switch (action.type) {
    case 'start':
      return { data: action.reset ? null : state.data, error: state.error, loading: action.loading || state.loading };
    case 'done':
      return { data: action.data, error: null, loading: false };
    case 'failed':
      return { ...state, error: action.error, loading: false };
    case 'settled':
      return state.loading ? { ...state, loading: false } : state;
  }
}

const failureOf = (e: unknown): FetchFailure => ({ message: errorMessage(e), status: (e as { response?: { status?: number } })?.response?.status });

/**
 * The loading / error / data triple of the admin pages around a fetch. `fetcher` reads with the admin's fetch
 * client (`useFetchClient`: the admin JWT, token refresh) and the signal, which aborts when `deps` change or
 * the page unmounts: a late answer for old filters is never stored.
 *
 *   const { data, error, loading, reload } = useFetch((client, signal) => client.get<Summary>(url, { params, signal }).then((r) => r.data), [url, paramsKey]);
 */
export function useFetch<T>(fetcher: (client: FetchClient, signal: AbortSignal) => Promise<T>, deps: React.DependencyList, options: FetchOptions = {}): FetchState<T> {
  const { enabled = true, refreshMs, resetOnChange = false } = options;
  const client = useFetchClient();
  const [state, dispatch] = React.useReducer(reducer as (s: State<T>, a: Action<T>) => State<T>, { data: null, error: null, loading: false });
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const load = React.useCallback(fetcher, deps);
  /** The signal of the current `deps` (reload() uses it: a reload for old filters is dropped too). */
  const current = React.useRef<AbortController | null>(null);

  const run = React.useCallback(
    async (signal: AbortSignal, mode: { reset?: boolean; silent?: boolean } = {}) => {
      dispatch({ type: 'start', reset: !!mode.reset, loading: !mode.silent });
      try {
        const data = await load(client, signal);
        if (!signal.aborted) dispatch({ type: 'done', data });
      } catch (e) {
        if (!signal.aborted) dispatch({ type: 'failed', error: failureOf(e) });
      }
    },
    // the client of useFetchClient is created once per component
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [load]
  );

  React.useEffect(() => {
    if (!enabled) return undefined;
    const controller = new AbortController();
    current.current = controller;
    void run(controller.signal, { reset: resetOnChange });
    const timer = refreshMs ? setInterval(() => void run(controller.signal, { silent: true }), refreshMs) : undefined;
    return () => {
      if (timer) clearInterval(timer);
      controller.abort();
      dispatch({ type: 'settled' });
    };
  }, [run, enabled, refreshMs, resetOnChange]);

  const reload = React.useCallback(async () => {
    const controller = current.current;
    if (!controller || controller.signal.aborted) return;
    await run(controller.signal);
  }, [run]);

  return { ...state, reload };
}
