import * as React from 'react';
import { useIntl } from 'react-intl';
import {
  Box,
  Button,
  Checkbox,
  Field,
  Flex,
  NumberInput,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Textarea,
  Typography,
} from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import type { ApiError, EventBody } from '../api';
import { APPLICANT_CATEGORIES, CLOCK_EVENT_LABELS, CLOCK_EVENT_TYPES, EVENT_FIELDS, RESULT_GROUPS, RESULT_KEYS, TABLE3_ROW_LABELS, type ClockEventType } from '../domain';
import { chinaToday } from '../../../../admin-kit/admin/src/dates';
import { DayPicker } from '../../../../admin-kit/admin/src/DayPicker';
import { useT } from './ClockBits';

interface Props {
  /** Applicant category on the request (pre-selected when closing). */
  applicantCategory: string | null;
  suggestedOutcome: string | null;
  onSubmit: (body: EventBody) => Promise<ApiError | null>;
}

const NONE = '';

/** 表三 label of a result key with its group, e.g. “（三）不予公开 · 4.保护第三方合法权益”. */
const resultOptionLabel = (key: string) => {
  const group = RESULT_GROUPS.find((g) => (g.rows as readonly string[]).includes(key));
  const own = (TABLE3_ROW_LABELS as Record<string, string>)[key] ?? key;
  return group ? `${group.label} · ${own}` : own;
};

/** 登记办理事项: POST /disclosure-requests/:documentId/events, with the server's reasons shown inline. */
export const EventForm = ({ applicantCategory, suggestedOutcome, onSubmit }: Props) => {
  const t = useT();
  const { locale } = useIntl();
  const today = chinaToday();
  const [type, setType] = React.useState<ClockEventType | ''>('');
  const [date, setDate] = React.useState(today);
  const [note, setNote] = React.useState('');
  const [days, setDays] = React.useState<number | undefined>(undefined);
  const [approvedBy, setApprovedBy] = React.useState('');
  const [notified, setNotified] = React.useState(false);
  const [notifiedDate, setNotifiedDate] = React.useState<string | null>(null);
  const [resultKey, setResultKey] = React.useState<string>(NONE);
  const [paidAt, setPaidAt] = React.useState<string | null>(null);
  const [category, setCategory] = React.useState<string>(applicantCategory ?? NONE);
  const [saving, setSaving] = React.useState(false);
  const [error, setError] = React.useState<ApiError | null>(null);

  const fields = type ? EVENT_FIELDS[type] : {};
  const fieldError = (name: string) => error?.fields[name];

  const chooseType = (v: ClockEventType) => {
    setType(v);
    setError(null);
    setDays(v === 'extended' ? 20 : undefined);
    if (v === 'closed' && suggestedOutcome && resultKey === NONE) setResultKey(suggestedOutcome);
  };

  const reset = () => {
    setType('');
    setDate(chinaToday());
    setNote('');
    setDays(undefined);
    setApprovedBy('');
    setNotified(false);
    setNotifiedDate(null);
    setResultKey(NONE);
    setPaidAt(null);
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!type) return;
    const body: EventBody = { type, date };
    if (note.trim()) body.note = note.trim();
    if (fields.days && days !== undefined) body.days = days;
    if (fields.extension) {
      if (approvedBy.trim()) body.approvedBy = approvedBy.trim();
      if (notified) body.applicantNotified = notifiedDate ?? true;
    }
    if (fields.result && resultKey !== NONE) body.resultKey = resultKey;
    if (fields.paidAt && paidAt) body.paidAt = paidAt;
    if (fields.category && category !== NONE && category !== applicantCategory) body.applicantCategory = category;
    setSaving(true);
    const failure = await onSubmit(body);
    setSaving(false);
    setError(failure);
    if (!failure) reset();
  };

  const daysLabel: Record<string, string> = {
    extension: t('form.days.extension', 'Extension (working days, at most 20)'),
    correction: t('form.days.correction', 'Period given for the correction (working days)'),
    consultation: t('form.days.consultation', 'Consultation lapses after (working days)'),
    fee: t('form.days.fee', 'Payment period (working days)'),
  };
  const daysHint: Record<string, string> = {
    extension: t('form.days.extensionHint', 'Art. 33 para. 2: once, at most 20 working days, approved by the head of the disclosure office.'),
    correction: t('form.days.correctionHint', 'Empty: the configured default period.'),
    consultation: t('form.days.consultationHint', 'e.g. 15 for a third party (art. 32); empty: the clock stays paused until the answer is recorded.'),
    fee: t('form.days.feeHint', 'Empty: the configured default period.'),
  };

  const dateInput = (name: string, value: string | null, set: (v: string | null) => void, opts: { required?: boolean; fallback?: string } = {}) => (
    <DayPicker
      name={name}
      value={value}
      onChange={(day) => set(day ?? (opts.fallback ?? null))}
      max={today}
      locale={locale}
      clearLabel={t('form.clear', 'Clear')}
      clearable={!opts.required}
      required={opts.required}
    />
  );

  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={6} tag="section" aria-labelledby="requests-event-form-title" data-testid="event-form">
      <form onSubmit={submit} noValidate>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Typography variant="delta" tag="h2" id="requests-event-form-title">
            {t('form.title', 'Record an event')}
          </Typography>
          {error && (
            <Box background="danger100" borderColor="danger200" hasRadius padding={3} role="alert" data-testid="event-error">
              <Typography textColor="danger700" fontWeight="semiBold">
                {error.message}
              </Typography>
            </Box>
          )}
          <Field.Root name="type" required error={fieldError('type') && fieldError('type') !== error?.message ? fieldError('type') : undefined}>
            <Field.Label>{t('form.type', 'Event')}</Field.Label>
            <SingleSelect value={type} placeholder={t('form.typePlaceholder', 'Choose what happened')} onChange={(v) => chooseType(v as ClockEventType)} data-testid="event-type">
              {CLOCK_EVENT_TYPES.map((k) => (
                <SingleSelectOption key={k} value={k}>
                  {t(`eventType.${k}`, CLOCK_EVENT_LABELS[k])}
                </SingleSelectOption>
              ))}
            </SingleSelect>
            <Field.Error />
          </Field.Root>
          {type && (
            <>
              <Field.Root name="date" required error={fieldError('date')} hint={t('form.dateHint', 'The day it happened (not after today).')}>
                <Field.Label>{t('form.date', 'Date')}</Field.Label>
                {dateInput('date', date, (v) => setDate(v ?? today), { required: true, fallback: today })}
                <Field.Hint />
                <Field.Error />
              </Field.Root>

              {fields.days && (
                <Field.Root name="days" error={fieldError('days')} hint={daysHint[fields.days]}>
                  <Field.Label>{daysLabel[fields.days]}</Field.Label>
                  <NumberInput value={days} onValueChange={setDays} step={1} locale={locale} />
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              )}

              {fields.extension && (
                <>
                  <Field.Root name="approvedBy" error={fieldError('approvedBy')} hint={t('form.approvedByHint', 'Who approved the extension (missing: warning).')}>
                    <Field.Label>{t('form.approvedBy', 'Approved by')}</Field.Label>
                    <TextInput value={approvedBy} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setApprovedBy(e.target.value)} />
                    <Field.Hint />
                    <Field.Error />
                  </Field.Root>
                  <Flex direction="column" alignItems="stretch" gap={2}>
                    <Checkbox checked={notified} onCheckedChange={(v) => setNotified(v === true)} name="applicantNotified">
                      {t('form.notified', 'The applicant was told of the extension')}
                    </Checkbox>
                    {notified && (
                      <Field.Root name="applicantNotifiedDate" error={fieldError('applicantNotified')} hint={t('form.notifiedDateHint', 'Optional: the day of the notice.')}>
                        <Field.Label>{t('form.notifiedDate', 'Told on')}</Field.Label>
                        {dateInput('applicantNotifiedDate', notifiedDate, setNotifiedDate)}
                        <Field.Hint />
                        <Field.Error />
                      </Field.Root>
                    )}
                  </Flex>
                </>
              )}

              {fields.result && (
                <Field.Root
                  name="resultKey"
                  required={fields.result === 'required'}
                  error={fieldError('resultKey')}
                  hint={fields.result === 'required' ? t('form.resultRequired', 'Closing needs exactly one result of table 3 of the annual report.') : t('form.resultOptional', 'Optional: the result the reply gives.')}
                >
                  <Field.Label>{t('form.result', 'Result (table 3)')}</Field.Label>
                  <SingleSelect value={resultKey} placeholder={t('form.resultPlaceholder', 'Choose a result')} onChange={(v) => setResultKey(String(v))} data-testid="event-result">
                    {RESULT_KEYS.map((k) => (
                      <SingleSelectOption key={k} value={k}>
                        {resultOptionLabel(k)}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              )}

              {fields.category && (
                <Field.Root name="applicantCategory" error={fieldError('applicantCategory')} hint={t('form.categoryHint', 'The column of table 3 the request is counted in.')}>
                  <Field.Label>{t('form.category', 'Applicant category')}</Field.Label>
                  <SingleSelect value={category} onChange={(v) => setCategory(String(v))}>
                    {APPLICANT_CATEGORIES.map((c) => (
                      <SingleSelectOption key={c} value={c}>
                        {t(`category.${c}`, c)}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              )}

              {fields.paidAt && (
                <Field.Root name="paidAt" error={fieldError('paidAt')} hint={t('form.paidAtHint', 'Leave empty while the fee is unpaid.')}>
                  <Field.Label>{t('form.paidAt', 'Fee paid on')}</Field.Label>
                  {dateInput('paidAt', paidAt, setPaidAt)}
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              )}

              <Field.Root name="note" error={fieldError('note')} hint={t('form.noteHint', 'Internal (never shown to the public): what to correct, the reason of the extension …')}>
                <Field.Label>{t('form.note', 'Note')}</Field.Label>
                <Textarea value={note} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setNote(e.target.value)} maxLength={2000} />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
            </>
          )}
          <Flex justifyContent="flex-end" gap={2}>
            {type && (
              <Button type="button" variant="tertiary" onClick={() => { reset(); setError(null); }}>
                {t('common.cancel', 'Cancel')}
              </Button>
            )}
            <Button type="submit" startIcon={<Plus />} loading={saving} disabled={!type} data-testid="event-submit">
              {t('form.submit', 'Record')}
            </Button>
          </Flex>
        </Flex>
      </form>
    </Box>
  );
};
