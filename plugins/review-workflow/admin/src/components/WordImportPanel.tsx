import * as React from 'react';
import { Button, Dialog, Flex, Typography } from '@strapi/design-system';
import { Upload, WarningCircle } from '@strapi/icons';
import { useDocumentRBAC, useFetchClient, useForm, useNotification } from '@strapi/strapi/admin';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { errorOf } from '../api';
import { useEditViewDocument } from './review/useReviewState';
import { useT } from './review/useT';

/**
 * 上传 Word 正文 (issue 16): a side panel of the 政府信息 edit view that sends a .docx to
 * `POST /disclosure-items/:documentId/word-import` (src/word-import) and shows the converted body afterwards
 * (the edit view's document is refetched: its form and the Markdown editor take the new body).
 */
const ITEM_UID = 'api::disclosure-item.disclosure-item';
const ACCEPT = '.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const WordImportPanel: PanelComponent = (props: PanelComponentProps) => {
  const t = useT();
  if (props.model !== ITEM_UID) return null;
  const title = t('word.title', 'Body from Word');
  if (!props.documentId || !props.document) {
    return {
      title,
      content: (
        <Typography variant="pi" textColor="neutral600">
          {t('word.saveFirst', 'Save the draft first, then upload a Word document as its body.')}
        </Typography>
      ),
    };
  }
  return { title, content: <WordImportContent {...props} documentId={props.documentId} /> };
};
WordImportPanel.displayName = 'WordImportPanel';

export { WordImportPanel };

const WordImportContent = ({ model, collectionType, documentId, document }: PanelComponentProps & { documentId: string }) => {
  const t = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { refetch } = useEditViewDocument(model, collectionType, documentId);
  const modified = useForm('WordImportPanel', (s) => s.modified, false);
  const canUpdate = useDocumentRBAC('WordImportPanel', (s) => s.canUpdate, false);
  const input = React.useRef<HTMLInputElement>(null);
  const [pending, setPending] = React.useState<File | null>(null);
  const [busy, setBusy] = React.useState(false);

  const hasBody = typeof document?.body === 'string' && document.body.trim() !== '';

  const pick = () => {
    if (modified) {
      toggleNotification({ type: 'warning', message: t('word.unsaved', 'Save or discard your changes before uploading a Word document.') });
      return;
    }
    input.current?.click();
  };

  const send = async (file: File) => {
    setPending(null);
    setBusy(true);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const { data } = await post<{ data: { warnings: string[]; images: unknown[] } }>(`/disclosure-items/${encodeURIComponent(documentId)}/word-import`, form);
      await refetch();
      toggleNotification({
        type: 'success',
        message: t('word.done', 'The body was replaced by “{name}” ({images} images); the original is kept as an attachment.', { name: file.name, images: String(data.data.images.length) }),
      });
      for (const w of data.data.warnings ?? []) toggleNotification({ type: 'warning', message: w });
    } catch (e) {
      // the server's refusals are Chinese already (not a .docx, too large, 修订, 批注, no permission)
      toggleNotification({ type: 'danger', title: t('word.refused', 'Word document not imported'), message: errorOf(e).message });
    } finally {
      setBusy(false);
    }
  };

  const chosen = (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // the same file may be chosen again after a refusal
    if (!file) return;
    if (hasBody) setPending(file);
    else void send(file);
  };

  if (!canUpdate) {
    return (
      <Typography variant="pi" textColor="neutral600">
        {t('word.noPermission', 'You may not change the body of this item.')}
      </Typography>
    );
  }
  return (
    <Flex direction="column" alignItems="stretch" gap={2} width="100%" data-testid="word-import-panel">
      <Typography variant="pi" textColor="neutral600">
        {t('word.hint', 'Paragraphs, headings, lists, tables, bold text, first-line indents and images are kept; the .docx is added to the attachments. Accept all tracked changes and delete comments first.')}
      </Typography>
      <input ref={input} type="file" accept={ACCEPT} hidden onChange={chosen} data-testid="word-import-input" />
      <Button variant="secondary" startIcon={<Upload />} loading={busy} disabled={busy} onClick={pick} fullWidth>
        {t('word.upload', 'Upload Word body')}
      </Button>

      <Dialog.Root open={pending !== null} onOpenChange={(o) => !o && setPending(null)}>
        <Dialog.Content>
          <Dialog.Header>{t('word.confirmTitle', 'Replace the body?')}</Dialog.Header>
          <Dialog.Body icon={<WarningCircle fill="danger600" />}>
            <Typography textAlign="center">
              {t('word.confirm', 'The current body will be replaced by the content of “{name}”.', { name: pending?.name ?? '' })}
            </Typography>
          </Dialog.Body>
          <Dialog.Footer>
            <Dialog.Cancel>
              <Button fullWidth variant="tertiary">
                {t('word.cancel', 'Cancel')}
              </Button>
            </Dialog.Cancel>
            <Button fullWidth variant="danger-light" onClick={() => pending && void send(pending)}>
              {t('word.replace', 'Replace the body')}
            </Button>
          </Dialog.Footer>
        </Dialog.Content>
      </Dialog.Root>
    </Flex>
  );
};
