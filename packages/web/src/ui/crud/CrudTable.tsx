/** The list of a CRUD page: load and action errors, loading, the table with edit/delete buttons per row, an empty row. */
import type { ReactNode } from 'react';
import {
  Alert, IconButton, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Tooltip, type SxProps, type TableRowProps, type Theme,
} from '@mui/material';
import EditIcon from '@mui/icons-material/EditOutlined';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { useT } from '../../i18n/index.tsx';
import { ErrorAlert, Loading } from '../common.tsx';
import type { Crud } from './useCrud.ts';

export type Column<T> = {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  align?: 'right';
  /** Shown from this breakpoint up: a phone keeps the essential columns. */
  from?: 'sm' | 'md' | 'lg';
  /** More style for the row's cell. */
  sx?: SxProps<Theme>;
};

export type RowActions<T> = {
  /** Names the row in the buttons' labels ("Edit Fiber 50"). */
  name: (row: T) => string;
  edit?: boolean;
  remove?: boolean;
  /** Delete without asking first (a row cheap to enter again); the default asks (DeleteConfirm). */
  removeAtOnce?: boolean;
  /** More buttons, before edit and delete. */
  extra?: (row: T) => ReactNode;
  iconSize?: 'small' | 'medium';
};

type Props<T> = {
  crud: Crud<T>;
  /** undefined while loading. */
  rows: readonly T[] | undefined;
  loadError: unknown;
  onRetry: () => void;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  empty: ReactNode;
  /** The table's accessible name, or the id of the heading that names it. */
  label?: string;
  labelledBy?: string;
  size?: 'small' | 'medium';
  rowProps?: (row: T) => TableRowProps;
  /** Without the permission to change rows, no actions column. */
  actions?: RowActions<T> | null;
  /** Under the table, in its paper: paging. */
  footer?: ReactNode;
  paperSx?: SxProps<Theme>;
  emptyPadding?: number;
};

const shownFrom = (from: Column<unknown>['from']) => (from ? { display: { xs: 'none', [from]: 'table-cell' } } : {});

export function CrudTable<T>({
  crud, rows, loadError, onRetry, columns, rowKey, empty, label, labelledBy, size = 'small', rowProps, actions, footer, paperSx, emptyPadding = 4,
}: Props<T>) {
  const t = useT();
  const iconSize = actions?.iconSize ?? size;
  return (
    <>
      <ErrorAlert error={loadError} onRetry={onRetry} />
      {crud.error ? <Alert severity="error" sx={{ mb: 2 }} onClose={crud.clearError}>{crud.error}</Alert> : null}
      {!rows ? (loadError ? null : <Loading />) : (
        <Paper sx={paperSx}>
          <TableContainer>
            <Table size={size} aria-label={label} aria-labelledby={labelledBy}>
              <TableHead>
                <TableRow>
                  {columns.map((c, i) => <TableCell key={i} align={c.align} sx={shownFrom(c.from)}>{c.header}</TableCell>)}
                  {actions ? <TableCell align="right"><span className="sr-only">{t('common.actions')}</span></TableCell> : null}
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((row) => (
                  <TableRow key={rowKey(row)} {...rowProps?.(row)}>
                    {columns.map((c, i) => <TableCell key={i} align={c.align} sx={[shownFrom(c.from), ...(c.sx === undefined ? [] : Array.isArray(c.sx) ? c.sx : [c.sx])]}>{c.cell(row)}</TableCell>)}
                    {actions ? (
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                        {actions.extra?.(row)}
                        {actions.edit ? (
                          <Tooltip title={t('common.edit')}>
                            <IconButton size={iconSize} onClick={() => crud.edit(row)} aria-label={`${t('common.edit')} ${actions.name(row)}`}><EditIcon /></IconButton>
                          </Tooltip>
                        ) : null}
                        {actions.remove ? (
                          <Tooltip title={t('common.delete')}>
                            <IconButton size={iconSize} onClick={() => (actions.removeAtOnce ? void crud.remove(row) : crud.askDelete(row))} aria-label={`${t('common.delete')} ${actions.name(row)}`}><DeleteIcon /></IconButton>
                          </Tooltip>
                        ) : null}
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
                {!rows.length ? (
                  <TableRow><TableCell colSpan={columns.length + (actions ? 1 : 0)} align="center" sx={{ py: emptyPadding, color: 'text.secondary' }}>{empty}</TableCell></TableRow>
                ) : null}
              </TableBody>
            </Table>
          </TableContainer>
          {footer}
        </Paper>
      )}
    </>
  );
}
