import { useRef, type ReactNode } from 'react';
import { useT } from '../../i18n/index.tsx';
import { ConfirmDialog } from '../common.tsx';
import type { Crud } from './useCrud.ts';

/** "Delete X?" for the row a CRUD page's delete button named; the text stays while the dialog closes. */
export function DeleteConfirm<T>({ crud, title, body }: { crud: Crud<T>; title: (row: T) => string; body: (row: T) => ReactNode }) {
  const t = useT();
  const last = useRef<T | null>(null);
  if (crud.deleting !== null) last.current = crud.deleting;
  const row = last.current;
  return (
    <ConfirmDialog open={crud.deleting !== null} title={row === null ? '' : title(row)} body={row === null ? '' : body(row)}
      confirmLabel={t('common.delete')} danger onConfirm={() => void crud.confirmDelete()} onClose={crud.cancelDelete} />
  );
}
