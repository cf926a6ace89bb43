import * as React from 'react';
import { Button, Dialog, Field, Flex, Textarea, Typography } from '@strapi/design-system';
import { EyeStriked } from '@strapi/icons';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { errorOf, type ReviewState } from '../../api';
import { useT } from './useT';

/** 撤稿: a dialog asking for the reason (POST …/unpublish), recorded in the audit trail. */
export const UnpublishButton = ({ path, onDone }: { path: string; onDone: (state: ReviewState) => void }) => {
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const t = useT();
  const [open, setOpen] = React.useState(false);
  const [reason, setReason] = React.useState('');
  const [error, setError] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);

  const submit = async (e?: React.FormEvent) => {
    e?.preventDefault();
    if (reason.trim().length < 2) {
      setError(t('unpublish.reasonRequired', 'Give a reason (at least 2 characters).'));
      return;
    }
    setBusy(true);
    try {
      const { data } = await post<ReviewState>(path, { reason: reason.trim() });
      toggleNotification({ type: 'success', message: t('unpublish.done', 'Unpublished; the reason is recorded.') });
      setOpen(false);
      setReason('');
      onDone(data);
    } catch (err) {
      const info = errorOf(err);
      setError(info.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog.Root open={open} onOpenChange={(v) => { setOpen(v); if (!v) setError(null); }}>
      <Dialog.Trigger>
        <Button fullWidth variant="danger-light" startIcon={<EyeStriked />} data-action="unpublish">
          {t('unpublish.button', 'Unpublish…')}
        </Button>
      </Dialog.Trigger>
      <Dialog.Content>
        <form onSubmit={(e) => void submit(e)}>
          <Dialog.Header>{t('unpublish.title', 'Unpublish with a reason')}</Dialog.Header>
          <Dialog.Body>
            <Flex direction="column" alignItems="stretch" gap={3} width="100%">
              <Typography variant="omega" textColor="neutral700">
                {t('unpublish.explain', 'The item is taken off the public site. The reason is kept in the audit trail.')}
              </Typography>
              <Field.Root name="unpublish-reason" required error={error ?? undefined}>
                <Field.Label>{t('unpublish.reason', 'Reason')}</Field.Label>
                <Textarea
                  name="unpublish-reason"
                  value={reason}
                  onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => {
                    setReason(e.target.value);
                    setError(null);
                  }}
                />
                <Field.Error />
              </Field.Root>
            </Flex>
          </Dialog.Body>
          <Dialog.Footer>
            <Dialog.Cancel>
              <Button variant="tertiary" type="button">
                {t('unpublish.cancel', 'Cancel')}
              </Button>
            </Dialog.Cancel>
            <Button variant="danger" type="submit" loading={busy}>
              {t('unpublish.confirm', 'Unpublish')}
            </Button>
          </Dialog.Footer>
        </form>
      </Dialog.Content>
    </Dialog.Root>
  );
};
