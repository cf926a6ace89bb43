import { Field } from '@strapi/design-system';
import { GENERATED_PLACEHOLDER } from '../../../server/src/fields';
import type { CustomFieldInputProps } from '../types';

/**
 * A number the Document Service generates on the first save (索引号, 申请编号): shown, never editable — the
 * server refuses a change anyway (索引号生成后不可修改). Before the first save the box says so instead of
 * looking like a field the editor forgot to fill.
 */
export default function GeneratedField({ name, label, labelAction, value, error }: CustomFieldInputProps) {
  const text = typeof value === 'string' ? value : '';
  return (
    <Field.Root data-gov-field={name} name={name} id={name} hint="由系统自动生成，不可修改" error={error}>
      <Field.Label action={labelAction}>{label}</Field.Label>
      <Field.Input value={text} placeholder={GENERATED_PLACEHOLDER} readOnly aria-readonly="true" disabled />
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}
