import * as React from 'react';
import { Badge, Box, Button, Dialog, EmptyStateLayout, Flex, IconButton, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise, Pencil, Plus, Trash, WarningCircle } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { paths, type AdminUser, type Membership, type MembershipBody, type Organization } from '../api';
import { MembershipForm, userLabel } from '../components/MembershipForm';
import { useT } from '../components/useT';
import { errorMessage } from '../../../../admin-kit/admin/src/errors';
import { TableHeader } from '../../../../admin-kit/admin/src/TableHeader';
import { useFetch } from '../../../../admin-kit/admin/src/useFetch';

const SUPER_ADMIN_ROLE_NAME = 'Super Admin';

/** 机构成员: who belongs to which organisations (GET/POST/PUT/DELETE /site-groups/memberships). */
const MembershipsPage = () => {
  const t = useT();
  const { get, post, put, del } = useFetchClient();
  const { toggleNotification } = useNotification();

  const [organizations, setOrganizations] = React.useState<Organization[]>([]);
  /** The form: closed (undefined), a new membership (null) or the membership edited. */
  const [editing, setEditing] = React.useState<Membership | null | undefined>(undefined);
  const [saving, setSaving] = React.useState(false);
  const [deleting, setDeleting] = React.useState<Membership | null>(null);
  const [removing, setRemoving] = React.useState(false);

  const { data, error: loadError, loading, reload: load } = useFetch(async (c, signal) => {
    const [m, u] = await Promise.all([c.get<{ data: Membership[] }>(paths.memberships, { signal }), c.get<{ data: AdminUser[] }>(paths.users, { signal })]);
    return { memberships: m.data.data ?? [], users: u.data.data ?? [] };
  }, []);
  // after a failed first load the page shows the error above an empty list
  const memberships = data?.memberships ?? (loadError ? [] : null);
  const users = React.useMemo(() => data?.users ?? [], [data]);
  const error = loadError?.message ?? null;

  React.useEffect(() => {
    get<{ results: Organization[] }>(paths.organizations, { params: { page: 1, pageSize: 100, sort: 'id:ASC', 'populate[parent][fields][0]': 'documentId' } })
      .then(({ data }) => setOrganizations(data.results ?? []))
      .catch((e) => toggleNotification({ type: 'danger', message: errorMessage(e) }));
  }, [get, toggleNotification]);

  const taken = React.useMemo(() => new Set((memberships ?? []).map((m) => m.user?.id).filter((id): id is number => typeof id === 'number')), [memberships]);
  // super admins are never scoped: they need no membership (/site-groups/users gives role names only:
  // Strapi's default name of the super admin role)
  const withoutMembership = users.filter((u) => u.isActive && !taken.has(u.id) && !u.roles.includes(SUPER_ADMIN_ROLE_NAME));

  const save = async (body: MembershipBody) => {
    setSaving(true);
    try {
      if (editing) {
        // the user of a membership is fixed (the form locks it): send only what may change
        const { user: _user, ...changes } = body;
        void _user;
        await put(paths.membership(editing.documentId), changes);
      } else {
        await post(paths.memberships, body);
      }
      const who = users.find((u) => u.id === (editing?.user?.id ?? body.user));
      toggleNotification({ type: 'success', message: t('toast.saved', 'Membership of {user} saved', { user: who ? userLabel(who) : String(body.user) }) });
      setEditing(undefined);
      await load();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!deleting) return;
    setRemoving(true);
    try {
      await del(paths.membership(deleting.documentId));
      toggleNotification({ type: 'success', message: t('toast.deleted', 'Membership of {user} deleted', { user: deleting.user ? userLabel(deleting.user) : deleting.documentId }) });
      setDeleting(null);
      await load();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    } finally {
      setRemoving(false);
    }
  };

  const title = t('page.title', 'Organisation members');
  if (!memberships) return <Page.Loading />;
  const yes = t('common.yes', 'Yes');
  const no = t('common.no', 'No');

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('page.subtitle', 'Which admin users belong to which organisations: they see, edit and review only those organisations’ content')}
        primaryAction={
          <Flex gap={2}>
            <Button variant="tertiary" startIcon={<ArrowClockwise />} onClick={() => void load()} loading={loading}>
              {t('common.refresh', 'Refresh')}
            </Button>
            <Button startIcon={<Plus />} onClick={() => setEditing(null)} data-testid="membership-add">
              {t('list.add', 'Add membership')}
            </Button>
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {error && (
            <Box background="danger100" borderColor="danger200" hasRadius padding={4} role="alert">
              <Typography textColor="danger700">{error}</Typography>
            </Box>
          )}
          {withoutMembership.length > 0 && (
            <Typography variant="pi" textColor="neutral600" data-testid="membership-unassigned">
              {t('list.unassigned', '{count} active admin users have no membership: {names}. A scoped role sees no organisation’s content without one (super admins see everything).', {
                count: withoutMembership.length,
                names: withoutMembership.slice(0, 8).map(userLabel).join('、') + (withoutMembership.length > 8 ? '…' : ''),
              })}
            </Typography>
          )}
          {memberships.length === 0 ? (
            <Box background="neutral0" shadow="filterShadow" hasRadius>
              <EmptyStateLayout content={t('list.empty', 'No membership yet.')} hasRadius />
            </Box>
          ) : (
            <Table colCount={6} rowCount={memberships.length + 1} data-testid="memberships-table">
              <TableHeader
                columns={[
                  t('col.user', 'User'),
                  t('col.organizations', 'Organisations'),
                  t('col.includeDescendants', 'With subordinates'),
                  t('col.allOrganizations', 'All organisations'),
                  t('col.note', 'Note'),
                  t('col.actions', 'Actions'),
                ]}
              />
              <Tbody>
                {memberships.map((m) => {
                  const who = m.user ? userLabel(m.user) : t('list.noUser', '(user deleted)');
                  return (
                    <Tr key={m.documentId} data-membership-id={m.documentId} data-user-email={m.user?.email ?? ''} data-testid="membership-row">
                      <Td style={{ maxWidth: '22rem' }}>
                        <Flex direction="column" alignItems="flex-start">
                          <Typography fontWeight="semiBold" textColor={m.user ? 'neutral800' : 'danger600'} ellipsis>
                            {m.user?.name ?? who}
                          </Typography>
                          {m.user && (
                            <Typography variant="pi" textColor="neutral600" ellipsis>
                              {m.user.email}
                            </Typography>
                          )}
                        </Flex>
                      </Td>
                      <Td style={{ maxWidth: '28rem', whiteSpace: 'normal' }} data-testid="membership-organizations-cell">
                        {m.allOrganizations ? (
                          <Badge active>{t('list.everyOrganization', 'All organisations')}</Badge>
                        ) : m.organizations.length ? (
                          <Typography textColor="neutral800">{m.organizations.map((o) => o.name).join('、')}</Typography>
                        ) : (
                          <Typography textColor="warning600">{t('list.noOrganization', 'None (sees nothing)')}</Typography>
                        )}
                      </Td>
                      <Td data-testid="membership-descendants-cell">
                        <Typography textColor="neutral800">{m.includeDescendants ? yes : no}</Typography>
                      </Td>
                      <Td data-testid="membership-all-cell">
                        <Typography textColor="neutral800">{m.allOrganizations ? yes : no}</Typography>
                      </Td>
                      <Td style={{ maxWidth: '18rem' }} data-testid="membership-note-cell">
                        <Typography textColor="neutral600" ellipsis title={m.note ?? ''}>
                          {m.note || '-'}
                        </Typography>
                      </Td>
                      <Td>
                        <Flex gap={1} justifyContent="flex-end">
                          <IconButton label={t('list.edit', 'Edit the membership of {user}', { user: who })} variant="ghost" onClick={() => setEditing(m)} data-testid="membership-edit">
                            <Pencil />
                          </IconButton>
                          <IconButton label={t('list.delete', 'Delete the membership of {user}', { user: who })} variant="ghost" onClick={() => setDeleting(m)} data-testid="membership-delete">
                            <Trash />
                          </IconButton>
                        </Flex>
                      </Td>
                    </Tr>
                  );
                })}
              </Tbody>
            </Table>
          )}
          <Typography variant="pi" textColor="neutral500">
            {t('list.legend', 'A user belongs to at most one membership. “With subordinates”: the organisations’ subordinate units are included. “All organisations”: every organisation, as a super admin. Memberships are kept by user, not by e-mail; nobody can edit their own.')}
          </Typography>
        </Flex>
      </Layouts.Content>

      {editing !== undefined && (
        <MembershipForm
          key={editing?.documentId ?? 'new'}
          membership={editing}
          users={users}
          organizations={organizations}
          taken={taken}
          saving={saving}
          onSubmit={(body) => void save(body)}
          onClose={() => setEditing(undefined)}
        />
      )}

      <Dialog.Root open={deleting !== null} onOpenChange={(o) => !o && setDeleting(null)}>
        <Dialog.Content>
          <Dialog.Header>{t('delete.title', 'Delete membership')}</Dialog.Header>
          <Dialog.Body icon={<WarningCircle fill="danger600" />}>
            <Typography textAlign="center">
              {deleting &&
                t('delete.confirm', 'Delete the membership of {user}? A user of a scoped role then sees no organisation’s content.', {
                  user: deleting.user ? userLabel(deleting.user) : deleting.documentId,
                })}
            </Typography>
          </Dialog.Body>
          <Dialog.Footer>
            <Dialog.Cancel>
              <Button fullWidth variant="tertiary">
                {t('common.cancel', 'Cancel')}
              </Button>
            </Dialog.Cancel>
            <Button fullWidth variant="danger-light" loading={removing} onClick={() => void remove()} data-testid="membership-delete-confirm">
              {t('delete.action', 'Delete')}
            </Button>
          </Dialog.Footer>
        </Dialog.Content>
      </Dialog.Root>
    </Page.Main>
  );
};

export { MembershipsPage };
export default MembershipsPage;
