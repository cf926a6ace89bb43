import * as React from 'react';
import {
  Box,
  Button,
  Checkbox,
  Field,
  Flex,
  Modal,
  SingleSelect,
  SingleSelectOption,
  Textarea,
  Typography,
} from '@strapi/design-system';
import type { AdminUser, Membership, MembershipBody, Organization } from '../api';
import { OrganizationMultiPicker } from '../../../../admin-kit/admin/src/OrganizationPicker';
import { useT } from './useT';

const NOTE_MAX = 200;

interface Props {
  /** The membership edited, or null for a new one. */
  membership: Membership | null;
  users: AdminUser[];
  organizations: Organization[];
  /** User ids that already have a membership (a user has at most one). */
  taken: Set<number>;
  saving: boolean;
  onSubmit: (body: MembershipBody) => void;
  onClose: () => void;
}

export const userLabel = (u: { name: string; email: string }) => (u.name && u.name !== u.email ? `${u.name}（${u.email}）` : u.email);

/** Add or edit a membership, in a modal: the user, the organisations, 含下属机构, 全部机构, the note. */
export const MembershipForm = ({ membership, users, organizations, taken, saving, onSubmit, onClose }: Props) => {
  const t = useT();
  const editing = membership !== null;
  const [user, setUser] = React.useState<number | null>(membership?.user?.id ?? null);
  const [orgs, setOrgs] = React.useState<string[]>(membership?.organizations.map((o) => o.documentId) ?? []);
  const [includeDescendants, setIncludeDescendants] = React.useState(membership?.includeDescendants ?? true);
  const [allOrganizations, setAllOrganizations] = React.useState(membership?.allOrganizations ?? false);
  const [note, setNote] = React.useState(membership?.note ?? '');
  const [touched, setTouched] = React.useState(false);

  // the organisations of the membership stay selectable even if the Content Manager list misses them
  const known = React.useMemo(() => {
    const ids = new Set(organizations.map((o) => o.documentId));
    const extra = (membership?.organizations ?? []).filter((o) => !ids.has(o.documentId));
    return [...organizations, ...extra];
  }, [organizations, membership]);

  const userError = touched && !user ? t('form.userRequired', 'Choose a user') : undefined;
  const noteError = note.length > NOTE_MAX ? t('form.noteTooLong', 'At most {max} characters', { max: NOTE_MAX }) : undefined;
  const nothing = !allOrganizations && orgs.length === 0;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!user || noteError) return;
    const body: MembershipBody = { user, organizations: orgs, includeDescendants, allOrganizations, note: note.trim() };
    onSubmit(body);
  };

  return (
    <Modal.Root open onOpenChange={(open) => !open && onClose()}>
      <Modal.Content>
        <form onSubmit={submit} noValidate data-testid="membership-form">
          <Modal.Header closeLabel={t('common.close', 'Close')}>
            <Modal.Title>{editing ? t('form.editTitle', 'Edit membership') : t('form.newTitle', 'Add membership')}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={5}>
              <Box data-testid="membership-user">
                <Field.Root name="user" required error={userError} hint={editing ? t('form.userFixed', 'The user of a membership cannot be changed: delete it and add another.') : t('form.userHint', 'Admin users with a membership already are greyed out (one membership per user).')}>
                  <Field.Label>{t('form.user', 'Admin user')}</Field.Label>
                  <SingleSelect
                    value={user ?? undefined}
                    disabled={editing}
                    placeholder={t('form.userPlaceholder', 'Choose an admin user')}
                    onChange={(v) => setUser(Number(v))}
                  >
                    {users.map((u) => {
                      const has = taken.has(u.id) && u.id !== membership?.user?.id;
                      const extras = [u.roles.join('、'), u.isActive ? '' : t('form.inactive', 'inactive'), has ? t('form.hasMembership', 'has a membership') : '']
                        .filter(Boolean)
                        .join('，');
                      return (
                        <SingleSelectOption key={u.id} value={u.id} disabled={has} textValue={userLabel(u)}>
                          {extras ? `${userLabel(u)} · ${extras}` : userLabel(u)}
                        </SingleSelectOption>
                      );
                    })}
                  </SingleSelect>
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Box>

              <Box data-testid="membership-all">
                <Checkbox checked={allOrganizations} onCheckedChange={(v) => setAllOrganizations(v === true)}>
                  {t('form.allOrganizations', 'All organisations')}
                </Checkbox>
                <Box paddingTop={1} paddingLeft={6}>
                  <Typography variant="pi" textColor="neutral600">
                    {t('form.allOrganizationsHint', 'Every organisation of the site, present and future (e.g. the site office). The organisations below are then ignored.')}
                  </Typography>
                </Box>
              </Box>

              <Box data-testid="membership-organizations">
                <Field.Root name="organizations" hint={t('form.organizationsHint', 'The organisations whose content the user may see, edit and review.')}>
                  <Field.Label>{t('form.organizations', 'Organisations')}</Field.Label>
                  <OrganizationMultiPicker
                    organizations={known}
                    sorted={false}
                    value={orgs}
                    disabled={allOrganizations}
                    placeholder={t('form.organizationsPlaceholder', 'Choose organisations')}
                    onChange={setOrgs}
                    clearLabel={t('form.clear', 'Clear')}
                  />
                  <Field.Hint />
                </Field.Root>
              </Box>

              <Box data-testid="membership-descendants">
                <Checkbox checked={includeDescendants} disabled={allOrganizations} onCheckedChange={(v) => setIncludeDescendants(v === true)}>
                  {t('form.includeDescendants', 'Include subordinate organisations')}
                </Checkbox>
                <Box paddingTop={1} paddingLeft={6}>
                  <Typography variant="pi" textColor="neutral600">
                    {t('form.includeDescendantsHint', 'A county government’s member also covers its departments and towns.')}
                  </Typography>
                </Box>
              </Box>

              <Box data-testid="membership-note">
                <Field.Root name="note" error={noteError} hint={t('form.noteHint', 'Optional, at most 200 characters.')}>
                  <Field.Label>{t('form.note', 'Note')}</Field.Label>
                  <Textarea value={note} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setNote(e.target.value)} />
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Box>

              {nothing && (
                <Box background="warning100" borderColor="warning200" hasRadius padding={3} data-testid="membership-empty-warning">
                  <Typography variant="pi" textColor="warning700">
                    {t('form.nothing', 'Without an organisation (and without “All organisations”) the user sees no organisation’s content.')}
                  </Typography>
                </Box>
              )}
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{t('common.cancel', 'Cancel')}</Button>
            </Modal.Close>
            <Button type="submit" loading={saving} data-testid="membership-save">
              {t('form.save', 'Save')}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
