import * as React from 'react';
import { useIntl } from 'react-intl';

/** t(id, englishDefault, values): a message of one plugin (`<pluginId>.<id>`), with its English default and ICU values. */
export type T = (id: string, defaultMessage: string, values?: Record<string, React.ReactNode>) => string;

/**
 * The `useT()` hook of a plugin's admin bundle — one implementation for every plugin: each bundle exports
 * `export const useT = makeUseT(PLUGIN_ID)` and its components call `const t = useT()`.
 */
export function makeUseT(pluginId: string): () => T {
  return function useT(): T {
    const { formatMessage } = useIntl();
    return React.useCallback<T>(
      (id, defaultMessage, values) => formatMessage({ id: `${pluginId}.${id}`, defaultMessage }, values as Record<string, string>) as string,
      [formatMessage],
    );
  };
}
