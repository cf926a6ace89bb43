import * as React from 'react';
import { Alert, Box, Button, Field, Flex, Textarea, Typography } from '@strapi/design-system';
import { ArrowClockwise, Check } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { errorOf } from '../../../../admin-kit/admin/src/errors';
import { useFetch } from '../../../../admin-kit/admin/src/useFetch';
import { getTrad } from '../pluginId';

interface Dictionary {
  admin: string[];
  config: string[];
  shortNames: string[];
  codes: string[];
  size: number;
  pending: number;
}

const PATH = '/gov-api/dictionary';

/** Words typed one per line, or separated by commas / 顿号 / spaces. */
const parseWords = (text: string) => [...new Set(text.split(/[\s,，、;；]+/u).map((w) => w.trim()).filter(Boolean))];

/** 检索词典: the admin list (editable) and the words from config, short names and 机关代字 (read-only). */
export const DictionaryPage = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTrad(id), defaultMessage }, values);
  const { put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { data, error, loading, reload } = useFetch(
    (c, signal) => c.get<{ data: Dictionary; meta: { canManage: boolean } }>(PATH, { signal }).then((r) => r.data),
    [],
  );
  const [text, setText] = React.useState('');
  const [fieldError, setFieldError] = React.useState<string | undefined>();
  const [saving, setSaving] = React.useState(false);
  React.useEffect(() => {
    if (data) setText(data.data.admin.join('\n'));
  }, [data]);

  const save = async () => {
    setSaving(true);
    setFieldError(undefined);
    try {
      await put(PATH, { words: parseWords(text) });
      toggleNotification({ type: 'success', message: t('saved', 'Saved') });
      await reload();
    } catch (e) {
      const err = errorOf(e);
      setFieldError(err.message);
      toggleNotification({ type: 'danger', message: err.message });
    } finally {
      setSaving(false);
    }
  };

  const canManage = data?.meta.canManage ?? false;
  const list = (label: string, words: string[]) => (
    <Box paddingTop={4}>
      <Typography variant="delta" tag="h2">{label}（{words.length}）</Typography>
      <Box paddingTop={2}>
        <Typography variant="omega" textColor="neutral600">{words.join('、') || '—'}</Typography>
      </Box>
    </Box>
  );

  return (
    <Page.Main>
      <Page.Title>{t('page.title', 'Search dictionary')}</Page.Title>
      <Layouts.Header
        title={t('page.title', 'Search dictionary')}
        subtitle={t('page.subtitle', '')}
        primaryAction={
          <Flex gap={2}>
            <Button variant="tertiary" startIcon={<ArrowClockwise />} onClick={() => void reload()} loading={loading}>
              {t('refresh', 'Refresh')}
            </Button>
            <Button startIcon={<Check />} onClick={() => void save()} loading={saving} disabled={!canManage} data-testid="dictionary-save">
              {t('save', 'Save')}
            </Button>
          </Flex>
        }
      />
      <Layouts.Content>
        {error ? <Alert variant="danger" closeLabel="×">{error.message}</Alert> : null}
        {data && !canManage ? <Alert variant="default" closeLabel="×">{t('readonly', 'Read only')}</Alert> : null}
        {data && data.data.pending > 0 ? <Alert variant="default" closeLabel="×">{t('pending', '{count} pending', { count: data.data.pending })}</Alert> : null}
        <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
          <Field.Root name="words" error={fieldError} hint={t('admin.hint', '')}>
            <Field.Label>{t('admin.label', 'Custom words')}</Field.Label>
            <Textarea value={text} disabled={!canManage} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setText(e.target.value)} data-testid="dictionary-words" />
            <Field.Hint />
            <Field.Error />
          </Field.Root>
          {data ? (
            <>
              {list(t('source.config', 'Configuration'), data.data.config)}
              {list(t('source.shortNames', 'Short names'), data.data.shortNames)}
              {list(t('source.codes', 'Agency codes'), data.data.codes)}
              <Box paddingTop={4}>
                <Typography variant="pi" textColor="neutral600">{t('size', '{count} words', { count: data.data.size })}</Typography>
              </Box>
            </>
          ) : null}
        </Box>
      </Layouts.Content>
    </Page.Main>
  );
};
