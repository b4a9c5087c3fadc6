import { useCallback, useState } from 'react';
import { problemDetail } from '../../api/client.ts';
import { useT } from '../../i18n/index.tsx';

/** What an openapi-fetch call answers: enough to tell success from a problem document. */
type Answer = { response: Response; error?: unknown };

/**
 * The state every list page with an editor and a delete button keeps: which row the editor is
 * open on ('new' for a new one), which row awaits the delete confirmation, and the server's
 * refusal of the last action, shown above the list.
 */
export type Crud<T> = {
  editing: T | 'new' | null;
  /** The row the editor changes; null when it creates one. */
  subject: T | null;
  create(): void;
  edit(row: T): void;
  closeEditor(): void;
  /** The editor saved: close it and load the list again. */
  saved(): void;
  deleting: T | null;
  askDelete(row: T): void;
  cancelDelete(): void;
  confirmDelete(): Promise<void>;
  /** Deletes without asking (a row cheap to enter again). */
  remove(row: T): Promise<void>;
  error: string | null;
  clearError(): void;
};

export function useCrud<T>({ reload, remove }: { reload: () => Promise<unknown> | void; remove?: (row: T) => Promise<Answer> }): Crud<T> {
  const t = useT();
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const [deleting, setDeleting] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);

  const removeRow = useCallback(async (row: T) => {
    if (!remove) return;
    const r = await remove(row);
    if (r.response.ok) await reload();
    else setError(problemDetail(r.error) ?? t('common.error'));
  }, [remove, reload, t]);

  return {
    editing,
    subject: editing === 'new' ? null : editing,
    create: () => setEditing('new'),
    edit: (row) => setEditing(row),
    closeEditor: () => setEditing(null),
    saved: () => {
      setEditing(null);
      void reload();
    },
    deleting,
    askDelete: (row) => setDeleting(row),
    cancelDelete: () => setDeleting(null),
    confirmDelete: async () => {
      const row = deleting;
      setDeleting(null);
      if (row !== null) await removeRow(row);
    },
    remove: removeRow,
    error,
    clearError: () => setError(null),
  };
}
