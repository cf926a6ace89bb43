import { Field } from '@strapi/design-system';
import { DayPicker, TYPED_DAY_HINT } from '../../../../admin-kit/admin/src/DayPicker';
import type { CustomFieldInputProps } from '../types';

/**
 * A calendar day of the content model (成文日期, 发布日期, 收到申请日期 …): the admin kit's DayPicker, which reads
 * 2026-11-20, 2026/11/20, 2026.11.20 and 2026年11月20日 typed by hand (the stock date input lost them) with the
 * server's own parser, and keeps the calendar. Stored as today: 'YYYY-MM-DD' in a date column.
 */
export default function DayField({ name, label, labelAction, hint, required, disabled, value, error, onChange }: CustomFieldInputProps) {
  const day = typeof value === 'string' && value ? value.slice(0, 10) : null;
  return (
    <Field.Root data-gov-field={name} name={name} id={name} hint={hint || TYPED_DAY_HINT} error={error} required={required}>
      <Field.Label action={labelAction}>{label}</Field.Label>
      <DayPicker name={name} value={day} onChange={(d) => onChange(name, d)} disabled={disabled} required={required} clearable={!required} />
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}
