import * as React from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { Flex, Link, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { editViewPath, type Delivery } from '../api';
import { StatusBadge, formatTime, useT } from './bits';
import { TableHeader } from '../../../../admin-kit/admin/src/TableHeader';

/** The document of a delivery: its type and id, linked to the Content Manager. */
const DocumentCell = ({ d }: { d: Delivery }) => {
  const t = useT();
  const to = editViewPath(String(d.type), d.documentId);
  return (
    <Flex direction="column" alignItems="flex-start">
      <Typography variant="pi" textColor="neutral600">
        {`${t(`type.${d.type}`, String(d.type))} · ${t(`op.${d.op}`, d.op)}`}
      </Typography>
      {to ? (
        <Link tag={RouterLink} to={to} onClick={(e: React.MouseEvent) => e.stopPropagation()}>
          <Typography variant="pi" textColor="primary600" style={{ fontFamily: 'monospace' }}>
            {d.documentId}
          </Typography>
        </Link>
      ) : (
        <Typography variant="pi" style={{ fontFamily: 'monospace' }}>
          {d.documentId}
        </Typography>
      )}
    </Flex>
  );
};

const ErrorCell = ({ d }: { d: Delivery }) => (
  <Typography variant="pi" textColor={!d.lastError ? 'neutral500' : d.status === 'delivered' || d.status === 'skipped' ? 'neutral600' : 'danger700'} title={d.lastError ?? ''} style={{ display: 'block', maxWidth: '24rem', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
    {d.lastError ?? '-'}
  </Typography>
);

const Time = ({ children }: { children: React.ReactNode }) => (
  <Typography variant="pi" style={{ whiteSpace: 'nowrap' }}>
    {children}
  </Typography>
);

/** A column of a deliveries table: its header and its cell. */
export interface DeliveryColumn {
  key: string;
  label: string;
  cell: (d: Delivery) => React.ReactNode;
}

/** The columns both tables of the target page share (event, document, status, attempts, error, times). */
export function useDeliveryColumns() {
  const t = useT();
  return React.useMemo(
    () => ({
      event: {
        key: 'event',
        label: t('col.event', 'Event'),
        cell: (d: Delivery) => (
          <Typography variant="pi" style={{ fontFamily: 'monospace' }} title={d.idempotencyKey}>
            {`#${d.eventId}`}
          </Typography>
        ),
      },
      document: { key: 'document', label: t('col.document', 'Document'), cell: (d: Delivery) => <DocumentCell d={d} /> },
      status: {
        key: 'status',
        label: t('col.status', 'Status'),
        cell: (d: Delivery) => <StatusBadge status={d.status} retrying={d.status === 'pending' && d.attempts > 0} />,
      },
      attempts: {
        key: 'attempts',
        label: t('col.attempts', 'Attempts'),
        cell: (d: Delivery) => <Typography style={{ fontVariantNumeric: 'tabular-nums' }}>{d.attempts}</Typography>,
      },
      lastError: { key: 'lastError', label: t('col.lastError', 'Last error'), cell: (d: Delivery) => <ErrorCell d={d} /> },
      lastFailure: { key: 'lastFailure', label: t('col.lastFailure', 'Last failure'), cell: (d: Delivery) => <Time>{formatTime(d.lastFailureAt)}</Time> },
      created: { key: 'created', label: t('col.created', 'Queued'), cell: (d: Delivery) => <Time>{formatTime(d.createdAt)}</Time> },
    }) satisfies Record<string, DeliveryColumn>,
    [t]
  );
}

export { Time as TimeCell };

/** Deliveries of a target, one row each (`data-delivery-id`), with the columns given. */
export const DeliveriesTable = ({ deliveries, columns, rowProps }: { deliveries: Delivery[]; columns: DeliveryColumn[]; rowProps?: (d: Delivery) => Record<string, string | number> }) => (
  <Table colCount={columns.length} rowCount={deliveries.length + 1}>
    <TableHeader columns={columns} />
    <Tbody>
      {deliveries.map((d) => (
        <Tr key={d.id} data-delivery-id={d.id} {...rowProps?.(d)}>
          {columns.map((c) => (
            <Td key={c.key}>{c.cell(d)}</Td>
          ))}
        </Tr>
      ))}
    </Tbody>
  </Table>
);
