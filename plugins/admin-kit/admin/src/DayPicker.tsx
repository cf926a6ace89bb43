/**
 * The design system's DatePicker for calendar days ('YYYY-MM-DD'), reading days the way editors type them.
 *
 * The stock picker parses typed text only in the locale's pattern (2026/11/20 in zh-Hans) and, on leaving
 * the field, rewrites the text from its calendar — so `2026-11-20` or `2026年11月20日` typed by hand were lost.
 * Here the text is read on blur with the server's own parser (src/domain/dates.ts parseTypedDay: 2026-11-20,
 * 2026/11/20, 2026.11.20, 2026年11月20日, full-width digits); a text that is no day is kept in the box with a
 * Chinese message instead of silently becoming another date. The calendar works as before.
 *
 * Used by the Content Manager's date fields (the `global::day` custom field, src/admin/app.tsx) and by the
 * plugins' own pages.
 */
import * as React from 'react';
import { DatePicker, Flex, Typography } from '@strapi/design-system';
import { parseTypedDay } from '../../../../src/domain/dates';
import { isoDay, localDate } from './dates';

export interface DayPickerProps {
  /** 'YYYY-MM-DD' or null/undefined for none */
  value: string | null | undefined;
  onChange: (day: string | null) => void;
  name?: string;
  /** latest day allowed ('YYYY-MM-DD') */
  max?: string;
  /** earliest day allowed ('YYYY-MM-DD') */
  min?: string;
  /** offer the clear button (default true) */
  clearable?: boolean;
  disabled?: boolean;
  required?: boolean;
  placeholder?: string;
  /** called with a Chinese message while the typed text is not a day, and null once it is */
  onInvalid?: (message: string | null) => void;
  /** the calendar's language (default zh-Hans) */
  locale?: string;
  clearLabel?: string;
}

export const TYPED_DAY_HINT = '可直接输入 2026-11-20、2026/11/20、2026.11.20 或 2026年11月20日';

export function typedDayMessage(text: string): string {
  return `无法识别的日期“${text}”：${TYPED_DAY_HINT}`;
}

export function DayPicker({ value, onChange, name, max, min, clearable = true, disabled, required, placeholder, onInvalid, locale = 'zh-Hans', clearLabel = '清除' }: DayPickerProps) {
  const [invalid, setInvalid] = React.useState<string | null>(null);
  const report = (message: string | null) => {
    setInvalid(message);
    onInvalid?.(message);
  };
  const onBlur = (event: React.FocusEvent<HTMLInputElement>) => {
    const text = event.target.value.trim();
    if (!text) return; // the picker clears the value itself
    const day = parseTypedDay(text);
    if (!day) {
      // keep what was typed in view (the stock picker would replace it by its calendar's day)
      event.preventDefault();
      report(typedDayMessage(text));
      return;
    }
    report(null);
    if (day !== value) {
      event.preventDefault(); // the new value comes back through `value` and the picker shows it formatted
      onChange(day);
    }
  };
  return (
    <Flex direction="column" alignItems="stretch" gap={1}>
      <DatePicker
        name={name}
        value={value ? localDate(value) : undefined}
        onChange={(d: Date | undefined) => {
          report(null);
          onChange(d ? isoDay(d) : null);
        }}
        onBlur={onBlur}
        maxDate={max ? localDate(max) : undefined}
        minDate={min ? localDate(min) : undefined}
        onClear={clearable ? () => {
          report(null);
          onChange(null);
        } : undefined}
        clearLabel={clearLabel}
        locale={locale}
        disabled={disabled}
        required={required}
        placeholder={placeholder ?? 'YYYY-MM-DD'}
        title={TYPED_DAY_HINT}
      />
      {invalid && (
        <Typography variant="pi" textColor="danger600" role="alert" data-testid="day-picker-invalid">
          {invalid}
        </Typography>
      )}
    </Flex>
  );
}
