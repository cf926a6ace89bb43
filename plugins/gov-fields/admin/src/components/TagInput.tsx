import * as React from 'react';
import { Box, Field, Flex, Tag, TextInput } from '@strapi/design-system';
import { Cross } from '@strapi/icons';
import { KEYWORD_SEPARATORS, MAX_KEYWORDS, splitKeywords } from '../../../../../src/domain/keywords';
import type { CustomFieldInputProps } from '../types';

/** The stored words (a JSON array today; an older row holding a string is shown split, and left alone until edited). */
function wordsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((w): w is string => typeof w === 'string');
  if (typeof value === 'string') return splitKeywords(value);
  return [];
}

/**
 * 主题词 as tags: typing splits on ，,；;、 and spaces (src/domain/keywords.ts, the same rule as the server),
 * each finished word becomes a tag; Enter or leaving the box adds the last one. At most MAX_KEYWORDS: words
 * beyond stay in the box with a message, nothing is dropped silently. The value stays a JSON array of strings.
 */
export default function TagInput({ name, label, hint, labelAction, required, disabled, value, error, onChange }: CustomFieldInputProps) {
  const words = wordsOf(value);
  const [draft, setDraft] = React.useState('');
  const [overflow, setOverflow] = React.useState<string | null>(null);

  // Adds the words that fit; returns those that did not (they stay in the box).
  const add = (incoming: string[]): string[] => {
    const next = [...words];
    const rest: string[] = [];
    for (const w of incoming) {
      if (next.includes(w)) continue;
      if (next.length >= MAX_KEYWORDS) rest.push(w);
      else next.push(w);
    }
    if (next.length !== words.length) onChange(name, next);
    setOverflow(rest.length ? `主题词最多${MAX_KEYWORDS}个` : null);
    return rest;
  };

  const onType = (text: string) => {
    const parts = text.split(KEYWORD_SEPARATORS);
    // the last part is still being typed unless the text ends with a separator (then it is '')
    const last = parts.pop() ?? '';
    const finished = parts.map((w) => w.trim()).filter(Boolean);
    if (!finished.length) return setDraft(text);
    const rest = add(finished);
    setDraft(rest.length ? [...rest, last].join('，') : last);
  };

  const commit = () => {
    const typed = splitKeywords(draft);
    if (typed.length) setDraft(add(typed).join('，'));
  };

  const remove = (w: string) => {
    const next = words.filter((x) => x !== w);
    onChange(name, next.length ? next : null);
    setOverflow(null);
  };

  return (
    <Field.Root data-gov-field={name} name={name} id={name} hint={hint ?? `最多${MAX_KEYWORDS}个，用逗号、分号或空格分隔`} error={error ?? overflow ?? undefined} required={required}>
      <Field.Label action={labelAction}>{label}</Field.Label>
      {words.length ? (
        <Box paddingBottom={2}>
          <Flex gap={2} wrap="wrap" data-testid={`${name}-tags`}>
            {words.map((w) => (
              <Tag key={w} icon={<Cross />} disabled={disabled} label={`删除主题词 ${w}`} onClick={() => remove(w)}>
                <span data-keyword={w}>{w}</span>
              </Tag>
            ))}
          </Flex>
        </Box>
      ) : null}
      <TextInput
        value={draft}
        disabled={disabled || words.length >= MAX_KEYWORDS}
        placeholder={words.length >= MAX_KEYWORDS ? `已达${MAX_KEYWORDS}个` : '输入主题词，用逗号分隔'}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => onType(e.target.value)}
        onBlur={commit}
        onKeyDown={(e: React.KeyboardEvent<HTMLInputElement>) => {
          // Enter adds the word instead of submitting the edit view's form
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
        }}
      />
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}
