import { Th, Thead, Tr, Typography, VisuallyHidden } from '@strapi/design-system';

export interface Column {
  /** React key (defaults to the label). */
  key?: string;
  label: string;
  /** Screen readers only (e.g. the column of row actions). */
  hidden?: boolean;
}

/** The head of an admin table: one `Th` per column, its label in `sigma` text. */
export const TableHeader = ({ columns }: { columns: Array<Column | string> }) => (
  <Thead>
    <Tr>
      {columns.map((c) => {
        const col = typeof c === 'string' ? { label: c } : c;
        return (
          <Th key={col.key ?? col.label}>
            {col.hidden ? <VisuallyHidden>{col.label}</VisuallyHidden> : <Typography variant="sigma">{col.label}</Typography>}
          </Th>
        );
      })}
    </Tr>
  </Thead>
);
