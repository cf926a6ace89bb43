import * as React from 'react';
import { useIntl } from 'react-intl';
import { getTrad } from '../../utils/getTrad';

export type T = (id: string, defaultMessage: string, values?: Record<string, React.ReactNode>) => string;

/** The plugin's messages: `t('panel.title', 'Review')`, with ICU values. */
export function useT(): T {
  const { formatMessage } = useIntl();
  return React.useCallback<T>(
    (id, defaultMessage, values) => formatMessage({ id: getTrad(id), defaultMessage }, values as Record<string, string>) as string,
    [formatMessage]
  );
}
