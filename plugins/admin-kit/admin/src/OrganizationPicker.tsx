import * as React from 'react';
import { Field, MultiSelect, MultiSelectOption, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { errorMessage } from './errors';
import { fetchMyScope, inScope, UNSCOPED, type MyScope } from './myScope';
import { orgTree, type TreeOrganization } from './orgTree';
import { UID } from '../../../../src/foundation/constants';

export const ORG_UID = UID.organization;
/** The Content Manager list of organisations (the pickers' source). */
export const ORGANIZATIONS_PATH = `/content-manager/collection-types/${ORG_UID}`;

/** “\u3000\u3000name”: an option indented by its depth in the tree (full-width spaces). */
export const indented = (name: string, depth: number) => `${'\u3000'.repeat(depth)}${name}`;

export interface ScopedOrganizations<T> {
  /** The organisations the caller may pick (null until loaded). */
  orgs: T[] | null;
  /** The caller's scope (GET /site-groups/me); UNSCOPED until loaded or when the route cannot answer. */
  scope: MyScope;
  /** Why the list is empty (the Content Manager list could not be read), else null. */
  error: string | null;
}

/**
 * The organisations of a picker: the Content Manager list (first 100, by sortOrder, with their parent)
 * narrowed to the caller's scope (the server answers 403 outside it anyway). A scoped user still gets their
 * organisations (from /site-groups/me) when the list is not readable. `onLoaded` runs before the list is
 * stored, in the same render (e.g. to preselect the top of the tree before anything is fetched for “all”).
 */
export function useScopedOrganizations<T extends TreeOrganization>(onLoaded?: (list: T[]) => void): ScopedOrganizations<T> {
  const { get } = useFetchClient();
  const [state, setState] = React.useState<ScopedOrganizations<T>>({ orgs: null, scope: UNSCOPED, error: null });
  const onLoadedRef = React.useRef(onLoaded);
  onLoadedRef.current = onLoaded;

  React.useEffect(() => {
    const controller = new AbortController();
    Promise.all([
      fetchMyScope(get, controller.signal),
      get<{ results: T[] }>(ORGANIZATIONS_PATH, {
        params: { page: 1, pageSize: 100, sort: 'sortOrder:ASC', 'populate[parent][fields][0]': 'documentId' },
        signal: controller.signal,
      }).then(
        ({ data }) => ({ list: data.results ?? [], error: null as string | null }),
        (e) => ({ list: [] as T[], error: errorMessage(e) })
      ),
    ]).then(([me, { list, error }]) => {
      if (controller.signal.aborted) return;
      const mine = inScope(me, list);
      onLoadedRef.current?.(mine);
      setState({ orgs: mine, scope: me, error: mine.length ? null : error });
    });
    return () => controller.abort();
  }, [get]);

  return state;
}

/** The value of “all organisations” in OrganizationPicker. */
export const ALL_ORGS = '*';

interface PickerProps<T extends TreeOrganization> {
  name?: string;
  label: string;
  organizations: T[];
  /** A documentId or ALL_ORGS. */
  value: string;
  onChange: (value: string) => void;
  /** The label of the ALL_ORGS option (e.g. 全部机构 / 全部（本人所属机构）). */
  allLabel: string;
  error?: string | null;
  /** Show the error as the field's hint too. */
  errorAsHint?: boolean;
  /** The trigger shows the plain name (the options are indented). */
  plainTrigger?: boolean;
}

/** A single organisation, or all of them, in tree order (parents first, children indented). */
export function OrganizationPicker<T extends TreeOrganization>({ name = 'org', label, organizations, value, onChange, allLabel, error, errorAsHint, plainTrigger }: PickerProps<T>) {
  const tree = React.useMemo(() => orgTree(organizations), [organizations]);
  return (
    <Field.Root name={name} hint={errorAsHint ? (error ?? undefined) : undefined} error={error ?? undefined}>
      <Field.Label>{label}</Field.Label>
      <SingleSelect
        value={value}
        onChange={(v) => onChange(String(v))}
        customizeContent={plainTrigger ? (v) => (v === ALL_ORGS || !v ? allLabel : organizations.find((o) => o.documentId === v)?.name ?? String(v)) : undefined}
      >
        <SingleSelectOption value={ALL_ORGS}>{allLabel}</SingleSelectOption>
        {tree.map(({ org: o, depth }) => (
          <SingleSelectOption key={o.documentId} value={o.documentId}>
            {indented(o.name, depth)}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Error />
    </Field.Root>
  );
}

interface MultiPickerProps<T extends TreeOrganization> {
  organizations: T[];
  value: string[];
  onChange: (value: string[]) => void;
  disabled?: boolean;
  placeholder?: string;
  clearLabel?: string;
  /** Keep the order given within a level (default: by sortOrder then name). */
  sorted?: boolean;
}

/** Several organisations, as tags, in tree order; the trigger lists their names with “、”. Goes inside a Field.Root. */
export function OrganizationMultiPicker<T extends TreeOrganization>({ organizations, value, onChange, disabled, placeholder, clearLabel, sorted = true }: MultiPickerProps<T>) {
  const tree = React.useMemo(() => orgTree(organizations, { sorted }), [organizations, sorted]);
  const nameOf = React.useMemo(() => new Map(organizations.map((o) => [o.documentId, o.name])), [organizations]);
  return (
    <MultiSelect
      value={value}
      disabled={disabled}
      withTags
      placeholder={placeholder}
      onChange={(v) => onChange(v)}
      onClear={() => onChange([])}
      clearLabel={clearLabel}
      customizeContent={(v) => (v ?? []).map((id) => nameOf.get(id) ?? id).join('、')}
    >
      {tree.map(({ org: o, depth }) => (
        <MultiSelectOption key={o.documentId} value={o.documentId} textValue={o.name}>
          {indented(o.name, depth)}
        </MultiSelectOption>
      ))}
    </MultiSelect>
  );
}
