import * as React from 'react';
import { useIntl } from 'react-intl';
import { getTrad } from '../utils/getTrad';

/** The t() every component uses: a message of this plugin with its English default. */
export function useT() {
  const { formatMessage } = useIntl();
  return React.useCallback(
    (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTrad(id), defaultMessage }, values),
    [formatMessage]
  );
}
