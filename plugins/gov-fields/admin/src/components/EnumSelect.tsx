import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { listValues } from '../../../server/src/fields';
import type { CustomFieldInputProps } from '../types';

/**
 * One value of a closed list (ENUMS in src/foundation/constants.ts, named by the attribute's `options.list`):
 * the values are the agencies' own words, so they are their own labels and are stored as shown. A stored
 * value outside today's list (an older row) is still shown, marked, and kept unless the editor picks another.
 * No hint: the Content Manager's (最多 20 个字符, from the column's maxLength) means nothing for a dropdown.
 */
export default function EnumSelect({ name, label, labelAction, required, disabled, attribute, value, error, onChange }: CustomFieldInputProps) {
  const values = listValues(attribute.options) ?? [];
  const current = typeof value === 'string' && value !== '' ? value : undefined;
  const outside = current !== undefined && !values.includes(current);
  return (
    <Field.Root data-gov-field={name} name={name} id={name} error={error} required={required}>
      <Field.Label action={labelAction}>{label}</Field.Label>
      <SingleSelect
        value={current}
        placeholder="请选择"
        disabled={disabled}
        onChange={(v) => onChange(name, String(v))}
        onClear={required ? undefined : () => onChange(name, null)}
      >
        {outside ? <SingleSelectOption value={current}>{`${current}（不在当前列表中）`}</SingleSelectOption> : null}
        {values.map((v) => (
          <SingleSelectOption key={v} value={v}>
            {v}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}
