/** Small shared pieces: page header, stat card, loading and error states, status chip, data hook, confirm dialog. */
import { useCallback, useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import {
  Alert, Box, Button, Card, CardContent, Chip, CircularProgress, Dialog, DialogActions, DialogContent,
  DialogContentText, DialogTitle, Stack, Typography, type ChipProps,
} from '@mui/material';
import { problemDetail } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';

export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 3, alignItems: { sm: 'center' }, justifyContent: 'space-between' }}>
      <Box sx={{ minWidth: 0 }}>
        <Typography variant="h5" component="h1">{title}</Typography>
        {subtitle ? <Typography variant="body2" color="text.secondary" component="div" sx={{ mt: 0.5 }}>{subtitle}</Typography> : null}
      </Box>
      {actions ? <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', gap: 1 }}>{actions}</Stack> : null}
    </Stack>
  );
}

export function StatCard({ label, value, hint, tone }: { label: string; value: ReactNode; hint?: ReactNode; tone?: 'primary' | 'success' | 'warning' | 'error' | 'default' }) {
  const color = tone === 'success' ? 'success.dark' : tone === 'warning' ? 'warning.dark' : tone === 'error' ? 'error.dark' : tone === 'primary' ? 'primary.main' : 'text.primary';
  return (
    <Card sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="body2" color="text.secondary" component="h2">{label}</Typography>
        <Typography variant="h4" component="p" sx={{ color, mt: 0.5 }}>{value}</Typography>
        {hint ? <Typography variant="caption" color="text.secondary">{hint}</Typography> : null}
      </CardContent>
    </Card>
  );
}

export function Loading() {
  const t = useT();
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', py: 6 }} role="status" aria-live="polite">
      <CircularProgress aria-label={t('common.loading')} />
    </Box>
  );
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  if (!error) return null;
  return (
    <Alert severity="error" sx={{ mb: 2 }} action={onRetry ? <Button color="inherit" size="small" onClick={onRetry}>{t('common.retry')}</Button> : undefined}>
      {problemDetail(error) ?? t('common.error')}
    </Alert>
  );
}

const statusColor: Record<string, ChipProps['color']> = {
  active: 'success', suspended: 'warning', expired: 'default', terminated: 'error', disabled: 'default', archived: 'default', inactive: 'default',
};

export function StatusChip({ status }: { status: string }) {
  const t = useT();
  return <Chip size="small" variant="outlined" color={statusColor[status] ?? 'default'} label={t(`status.${status}`)} />;
}

export class ApiError extends Error {
  constructor(public problem: unknown, public status: number) {
    super(problemDetail(problem) ?? `HTTP ${status}`);
  }
}

/** Unwraps an openapi-fetch answer: its data, or throws the problem document. */
export function ok<T>(r: { data?: T; error?: unknown; response: Response }): T {
  if (r.error !== undefined || !r.response.ok) throw new ApiError(r.error, r.response.status);
  return r.data as T;
}

/** Loads data when deps change; reload() fetches again. */
export function useLoad<T>(fn: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const d = await fnRef.current();
      if (mine === seq.current) {
        setData(d);
        setError(undefined);
      }
    } catch (e) {
      if (mine === seq.current) setError(e instanceof ApiError ? e.problem ?? { detail: e.message } : { detail: String(e) });
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, deps);
  return { data, error, loading, reload, setData };
}

export function ConfirmDialog({ open, title, body, confirmLabel, danger, onConfirm, onClose }: {
  open: boolean; title: string; body: ReactNode; confirmLabel: string; danger?: boolean; onConfirm: () => void; onClose: () => void;
}) {
  const t = useT();
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="confirm-title">
      <DialogTitle id="confirm-title">{title}</DialogTitle>
      <DialogContent><DialogContentText>{body}</DialogContentText></DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" color={danger ? 'error' : 'primary'} onClick={onConfirm}>{confirmLabel}</Button>
      </DialogActions>
    </Dialog>
  );
}

/** Visually hidden but read by screen readers. */
export const srOnly: CSSProperties = {
  position: 'absolute', width: 1, height: 1, padding: 0, margin: -1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0,
};
