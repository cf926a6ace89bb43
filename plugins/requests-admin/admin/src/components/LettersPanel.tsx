import * as React from 'react';
import { useIntl } from 'react-intl';
import { Badge, Box, Button, Checkbox, Field, Flex, TextButton, Textarea, Typography } from '@strapi/design-system';
import { Download, File } from '@strapi/icons';
import { useFetchClient } from '@strapi/strapi/admin';
import { errorOf, paths, type Letter } from '../api';
import { LETTER_KINDS, resultLabel, type LetterKind } from '../domain';
import { chinaDateTime, chinaToday } from '../../../../admin-kit/admin/src/dates';
import { DayPicker } from '../../../../admin-kit/admin/src/DayPicker';
import { downloadFile } from '../../../../admin-kit/admin/src/download';
import { useT } from './ClockBits';

const LETTER_SHORT: Record<LetterKind, string> = {
  receipt: '登记回执',
  correction: '补正告知书',
  extension: '延期答复告知书',
  reply: '答复书',
};

interface Props {
  documentId: string;
  letters: Letter[];
  /** kind → why it cannot be generated yet (from the recorded events), if so. */
  missing: Partial<Record<LetterKind, string>>;
  /** the new letter and the request's letters as they now are (a replaced one is marked 已作废) */
  onGenerated: (letter: Letter, letters: Letter[]) => void;
}

const sizeOf = (bytes: number) => (bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} B`);

/** 答复文书: generate the .docx letters (POST …/letters/:kind) and download the stored ones. */
export const LettersPanel = ({ documentId, letters, missing, onGenerated }: Props) => {
  const t = useT();
  const { locale } = useIntl();
  const { get, post } = useFetchClient();
  const [date, setDate] = React.useState<string | null>(null);
  const [note, setNote] = React.useState('');
  const [newVersion, setNewVersion] = React.useState(false);
  const [busy, setBusy] = React.useState<LetterKind | null>(null);
  const [downloading, setDownloading] = React.useState<string | null>(null);
  const [error, setError] = React.useState<string | null>(null);

  const generate = async (kind: LetterKind) => {
    setBusy(kind);
    setError(null);
    try {
      const body: { date?: string; note?: string; newVersion?: boolean } = {};
      if (date) body.date = date;
      if (note.trim()) body.note = note.trim();
      if (newVersion) body.newVersion = true;
      const { data } = await post<{ data: Letter }>(paths.letter(documentId, kind), body);
      const { data: list } = await get<{ data: Letter[] }>(paths.letters(documentId));
      onGenerated(data.data, list.data);
    } catch (e) {
      setError(errorOf(e).message);
    } finally {
      setBusy(null);
    }
  };

  const download = async (letter: Letter) => {
    setDownloading(letter.documentId);
    setError(null);
    try {
      await downloadFile(get, letter.downloadPath, letter.fileName);
    } catch (e) {
      setError(errorOf(e).message);
    } finally {
      setDownloading(null);
    }
  };

  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={6} tag="section" aria-labelledby="requests-letters-title" data-testid="letters">
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="delta" tag="h2" id="requests-letters-title">
          {t('letters.title', 'Letters')}
        </Typography>
        <Flex gap={2} wrap="wrap">
          {LETTER_KINDS.map((kind) => (
            <Button
              key={kind}
              variant={kind === 'reply' ? 'default' : 'secondary'}
              startIcon={<File />}
              onClick={() => void generate(kind)}
              loading={busy === kind}
              disabled={busy !== null || !!missing[kind]}
              title={missing[kind]}
              data-testid={`letter-${kind}`}
            >
              {t(`letters.kind.${kind}`, LETTER_SHORT[kind])}
            </Button>
          ))}
        </Flex>
        {Object.keys(missing).length > 0 && (
          <Flex direction="column" alignItems="flex-start" gap={1}>
            {LETTER_KINDS.filter((k) => missing[k]).map((k) => (
              <Typography key={k} variant="pi" textColor="neutral600">
                {`${t(`letters.kind.${k}`, LETTER_SHORT[k])}：${missing[k]}`}
              </Typography>
            ))}
          </Flex>
        )}
        {/* one field per row: the date picker's input is wider than a narrow column and was covered by the text area */}
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box style={{ maxWidth: '20rem' }} data-testid="letter-date-field">
            <Field.Root name="letterDate" hint={t('letters.dateHint', 'Empty: the date of the event the letter answers')}>
              <Field.Label>{t('letters.date', 'Letter date')}</Field.Label>
              <DayPicker
                value={date}
                onChange={setDate}
                clearLabel={t('form.clear', 'Clear')}
                locale={locale}
                placeholder={chinaToday()}
              />
              <Field.Hint />
            </Field.Root>
          </Box>
          <Box>
            <Field.Root name="letterNote" hint={t('letters.noteHint', 'Optional text for the letter (for the correction notice: the items to correct, else the note of the event is used)')}>
              <Field.Label>{t('letters.note', 'Additional text')}</Field.Label>
              <Textarea value={note} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setNote(e.target.value)} maxLength={4000} />
              <Field.Hint />
            </Field.Root>
          </Box>
          <Box data-testid="letter-new-version">
            <Checkbox checked={newVersion} onCheckedChange={(v: boolean | 'indeterminate') => setNewVersion(v === true)}>
              {t('letters.newVersion', 'Keep the existing letter for the same event valid (new version instead of replacing it)')}
            </Checkbox>
          </Box>
        </Flex>
        {error && (
          <Box background="danger100" borderColor="danger200" hasRadius padding={3} role="alert" data-testid="letters-error">
            <Typography textColor="danger700" fontWeight="semiBold">
              {error}
            </Typography>
          </Box>
        )}
        {letters.length === 0 ? (
          <Typography textColor="neutral600">{t('letters.empty', 'No letter generated yet.')}</Typography>
        ) : (
          <Flex direction="column" alignItems="stretch" gap={0} tag="ul" data-testid="letters-list">
            {letters.map((l, i) => (
              <Box key={l.documentId} tag="li" paddingTop={3} paddingBottom={3} borderColor="neutral150" style={{ borderTop: i ? '1px solid #eaeaef' : undefined }} data-kind={l.kind} data-status={l.voided ? 'voided' : 'valid'}>
                <Flex justifyContent="space-between" alignItems="flex-start" gap={4}>
                  <Flex direction="column" alignItems="flex-start" gap={1}>
                    <Flex gap={2}>
                      <Typography fontWeight="semiBold" textColor={l.voided ? 'neutral500' : 'neutral800'} style={l.voided ? { textDecoration: 'line-through' } : undefined}>
                        {l.title}
                      </Typography>
                      {l.version > 1 && <Badge>{t('letters.version', 'version {n}', { n: l.version })}</Badge>}
                      {l.voided && (
                        <Badge backgroundColor="danger100" textColor="danger700">
                          {t('letters.voided', 'void')}
                        </Badge>
                      )}
                    </Flex>
                    <Typography variant="pi" textColor="neutral600">
                      {[
                        t('letters.dated', 'dated {date}', { date: l.letterDate ?? '-' }),
                        l.resultKey ? resultLabel(l.resultKey) : null,
                        l.legalBasis ? t('letters.basis', 'basis: {basis}', { basis: l.legalBasis }) : null,
                      ]
                        .filter(Boolean)
                        .join('；')}
                    </Typography>
                    <Typography variant="pi" textColor="neutral500">
                      {t('letters.generated', 'generated by {by} at {at}, {size}', { by: l.generatedBy ?? '-', at: chinaDateTime(l.createdAt), size: sizeOf(l.size) })}
                    </Typography>
                  </Flex>
                  <TextButton startIcon={<Download />} onClick={() => void download(l)} disabled={downloading === l.documentId} data-testid="letter-download">
                    {t('letters.download', 'Download .docx')}
                  </TextButton>
                </Flex>
              </Box>
            ))}
          </Flex>
        )}
      </Flex>
    </Box>
  );
};
