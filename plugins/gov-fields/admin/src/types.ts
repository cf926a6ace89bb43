import type * as React from 'react';

/**
 * What the Content Manager's InputRenderer hands a custom field's Input (its own props plus useField's):
 * only the part these inputs read. onChange(name, value) sets the form value.
 */
export interface CustomFieldInputProps {
  name: string;
  label: string;
  hint?: React.ReactNode;
  labelAction?: React.ReactNode;
  required?: boolean;
  disabled?: boolean;
  placeholder?: string;
  attribute: { options?: unknown; default?: unknown };
  value: unknown;
  error?: string;
  onChange: (name: string, value: unknown) => void;
}
