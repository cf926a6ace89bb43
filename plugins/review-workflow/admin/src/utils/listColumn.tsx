import type * as React from 'react';
import type { MessageDescriptor } from 'react-intl';
import type { ListLayout, ListFieldLayout } from '@strapi/content-manager/strapi-admin';
import { StageCell } from '../components/StageCell';
import { reviewedUids } from './config-store';
import { getTrad } from './getTrad';

export const STAGE_COLUMN = 'reviewWorkflowStage';

/** The model of the list view being rendered (the hook's arguments do not carry it). */
function currentModel(): string | null {
  const m = /\/content-manager\/collection-types\/([^/?#]+)/.exec(window.location.pathname);
  return m ? decodeURIComponent(m[1]) : null;
}

/**
 * What the list view accepts from plugins at runtime (ListViewPage runs the label through
 * formatMessage when it is a descriptor and calls cellFormatter with the model); the published
 * `ListFieldLayout` type is narrower (label: string), hence the cast below.
 */
interface InjectedColumn {
  name: string;
  attribute: { type: 'custom' };
  label: MessageDescriptor;
  searchable: boolean;
  sortable: boolean;
  cellFormatter: (row: { documentId?: string }, header: unknown, ctx: { model: string; collectionType: string }) => React.ReactNode;
}

const stageColumn: InjectedColumn = {
  name: STAGE_COLUMN,
  attribute: { type: 'custom' },
  label: { id: getTrad('list.stage'), defaultMessage: 'Review stage' },
  searchable: false,
  sortable: false,
  cellFormatter: (row, _header, { model }) => <StageCell model={model} documentId={row.documentId} />,
};

/** Hook 'Admin/CM/pages/ListView/inject-column-in-table': the 审核阶段 column for reviewed types. */
export function addStageColumn({ displayedHeaders, layout }: { displayedHeaders: ListFieldLayout[]; layout: ListLayout }) {
  const model = currentModel();
  if (!model || !reviewedUids().includes(model) || displayedHeaders.some((h) => h.name === STAGE_COLUMN)) {
    return { displayedHeaders, layout };
  }
  // right after the main field (the title), so the column is visible without scrolling the table sideways
  const column = stageColumn as unknown as ListFieldLayout;
  const mainField = layout?.settings?.mainField;
  const at = displayedHeaders.findIndex((h) => h.name === mainField);
  const headers = at >= 0 ? [...displayedHeaders.slice(0, at + 1), column, ...displayedHeaders.slice(at + 1)] : [...displayedHeaders, column];
  return { displayedHeaders: headers, layout };
}
