import * as React from 'react';
import { Box, Button, EmptyStateLayout, Field, Flex, SingleSelect, SingleSelectOption, Table, Tbody, Td, TextInput, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise, Download } from '@strapi/icons';
import { Layouts, Page, Pagination, useFetchClient, useNotification, useQueryParams } from '@strapi/strapi/admin';
import { chinaDateTime, chinaToday } from '../../../../admin-kit/admin/src/dates';
import { DayPicker } from '../../../../admin-kit/admin/src/DayPicker';
import { downloadFile } from '../../../../admin-kit/admin/src/download';
import { errorMessage } from '../../../../admin-kit/admin/src/errors';
import { TableHeader } from '../../../../admin-kit/admin/src/TableHeader';
import { useFetch } from '../../../../admin-kit/admin/src/useFetch';
import { SECURITY_ACTIONS, type LogEntry } from '../../../server/src/wire';

/** The actions of the log and their Chinese names: the server's own list (server/src/wire.ts). */
export const ACTION_LABELS: Record<string, string> = SECURITY_ACTIONS;

type Entry = LogEntry;
interface LogPage {
  data: Entry[];
  meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } };
}
interface LogQuery {
  action?: string;
  user?: string;
  from?: string;
  to?: string;
  page?: string | number;
  pageSize?: string | number;
}

const ALL = '__all__';
const DEFAULT_PAGE_SIZE = 20;

/** The route's filters from the URL (only those set). */
function filtersOf(q: LogQuery): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['action', 'user', 'from', 'to'] as const) if (q[k]) out[k] = String(q[k]);
  return out;
}

/** 安全审计日志 (GET /security-log, GET /security-log/export): who did what, when, from where. */
const SecurityLogPage = () => {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [{ query }, setQuery] = useQueryParams<LogQuery>();
  const [exporting, setExporting] = React.useState(false);
  const [userInput, setUserInput] = React.useState(query.user ?? '');
  const today = React.useMemo(() => chinaToday(), []);

  const filters = filtersOf(query);
  const params = { ...filters, page: String(query.page ?? 1), pageSize: String(query.pageSize ?? DEFAULT_PAGE_SIZE) };
  const paramsKey = JSON.stringify(params);
  const { data, error, loading, reload } = useFetch((c, signal) => c.get<LogPage>('/security-log', { params, signal }).then((r) => r.data), [paramsKey]);

  /** Changing a filter goes back to page 1. */
  const setFilter = (patch: Partial<LogQuery>) => setQuery({ ...patch, page: 1 } as LogQuery);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadFile(get, '/security-log/export', `安全审计日志-${today}.xlsx`, filters);
      toggleNotification({ type: 'success', message: '已导出安全审计日志（本次导出已记入日志）' });
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    } finally {
      setExporting(false);
    }
  };

  const title = '安全审计日志';
  if (!data && !error) return <Page.Loading />;
  const rows = data?.data ?? [];
  const pagination = data?.meta.pagination;
  const rangeError = query.from && query.to && query.to < query.from ? '截止日期不能早于起始日期' : undefined;

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle="登录、权限变更、令牌、推送目标、个人信息导出等安全事件（只能追加，至少保留180天）。时间为北京时间。"
        primaryAction={
          <Flex gap={2}>
            <Button variant="secondary" startIcon={<ArrowClockwise />} onClick={() => void reload()} loading={loading}>
              刷新
            </Button>
            <Button startIcon={<Download />} onClick={() => void exportXlsx()} loading={exporting} data-testid="security-log-export">
              导出 Excel
            </Button>
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box background="neutral0" hasRadius shadow="tableShadow" paddingTop={4} paddingBottom={4} paddingLeft={6} paddingRight={6} tag="section" aria-label="筛选条件">
            <Flex gap={4} alignItems="flex-end" wrap="wrap">
              <Box width="16rem" data-testid="filter-action">
                <Field.Root name="action">
                  <Field.Label>操作类型</Field.Label>
                  <SingleSelect value={query.action ?? ALL} onChange={(v) => setFilter({ action: v === ALL ? undefined : String(v) })}>
                    <SingleSelectOption value={ALL}>全部操作</SingleSelectOption>
                    {Object.entries(ACTION_LABELS).map(([value, label]) => (
                      <SingleSelectOption key={value} value={value}>
                        {label}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
              </Box>
              <Box width="16rem" data-testid="filter-user">
                <Field.Root name="user" hint="邮箱的一部分，或用户编号">
                  <Field.Label>用户</Field.Label>
                  <TextInput
                    value={userInput}
                    onChange={(e: React.ChangeEvent<HTMLInputElement>) => setUserInput(e.target.value)}
                    onBlur={() => setFilter({ user: userInput.trim() || undefined })}
                    onKeyDown={(e: React.KeyboardEvent) => e.key === 'Enter' && setFilter({ user: userInput.trim() || undefined })}
                  />
                  <Field.Hint />
                </Field.Root>
              </Box>
              <Box width="12rem" data-testid="filter-from">
                <Field.Root name="from">
                  <Field.Label>起始日期</Field.Label>
                  <DayPicker value={query.from} onChange={(day) => setFilter({ from: day ?? undefined })} max={today} />
                </Field.Root>
              </Box>
              <Box width="12rem" data-testid="filter-to">
                <Field.Root name="to" error={rangeError}>
                  <Field.Label>截止日期</Field.Label>
                  <DayPicker value={query.to} onChange={(day) => setFilter({ to: day ?? undefined })} />
                  <Field.Error />
                </Field.Root>
              </Box>
            </Flex>
          </Box>

          {error && (
            <Box background="danger100" borderColor="danger200" hasRadius padding={4} role="alert">
              <Typography textColor="danger700">{error.message}</Typography>
            </Box>
          )}

          {rows.length === 0 ? (
            <Box background="neutral0" shadow="filterShadow" hasRadius>
              <EmptyStateLayout content="没有符合条件的记录" hasRadius />
            </Box>
          ) : (
            <Table colCount={6} rowCount={rows.length + 1} data-testid="security-log-table">
              <TableHeader columns={['时间', '操作', '用户', '客户端地址', '操作对象', '详情']} />
              <Tbody>
                {rows.map((e, i) => (
                  <Tr key={`${e.at}-${i}`} data-testid="security-log-row" data-action={e.action}>
                    <Td>
                      <Typography textColor="neutral800">{chinaDateTime(e.at)}</Typography>
                    </Td>
                    <Td>
                      <Typography textColor={e.action === 'login-failed' || e.action === 'locked' ? 'danger600' : 'neutral800'}>{ACTION_LABELS[e.action] ?? e.action}</Typography>
                    </Td>
                    <Td style={{ maxWidth: '16rem' }}>
                      <Typography textColor="neutral800" ellipsis title={e.email ?? ''}>
                        {e.email ?? (e.userId !== null ? `#${e.userId}` : '-')}
                      </Typography>
                    </Td>
                    <Td>
                      <Typography textColor="neutral600" title={e.userAgent ?? ''}>
                        {e.ip ?? '-'}
                      </Typography>
                    </Td>
                    <Td style={{ maxWidth: '14rem' }}>
                      <Typography textColor="neutral600" ellipsis title={e.target ?? ''}>
                        {e.target ?? '-'}
                      </Typography>
                    </Td>
                    <Td style={{ maxWidth: '28rem' }}>
                      <Typography variant="pi" textColor="neutral600" ellipsis title={e.detail ? JSON.stringify(e.detail) : ''}>
                        {e.detail ? JSON.stringify(e.detail) : '-'}
                      </Typography>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}

          {pagination && pagination.total > 0 && (
            <Pagination.Root pageCount={pagination.pageCount} total={pagination.total} defaultPageSize={DEFAULT_PAGE_SIZE}>
              <Pagination.PageSize options={['20', '50', '100']} />
              <Pagination.Links />
            </Pagination.Root>
          )}
          <Typography variant="pi" textColor="neutral500">
            日志只能追加，不能修改；超过保留期限（默认180天，不少于180天）的记录每日自动清理。导出 Excel 按当前筛选条件导出全部记录，导出操作本身也记入日志。
          </Typography>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export { SecurityLogPage };
