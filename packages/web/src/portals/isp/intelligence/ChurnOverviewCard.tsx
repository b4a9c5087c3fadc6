/** Churn risk across an ISP's or a branch's subscribers: distribution, at-risk count, the reasons they share, the model. */
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { Alert, Button, Card, CardContent, Grid, Link, Stack, Typography } from '@mui/material';
import { api, problemDetail } from '../../../api/client.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { CategoryBars } from '../../../ui/charts.tsx';
import { ErrorAlert, Loading, StatCard, ok, useLoad } from '../../../ui/common.tsx';
import { useIsp } from '../context.ts';
import { useChurnFormat } from './churn-format.ts';

export function ChurnOverviewCard({ branchId }: { branchId?: string }) {
  const t = useT();
  const fmt = useFormat();
  const cf = useChurnFormat();
  const { ispId, base, can } = useIsp();
  const { data, error, reload } = useLoad(async () => ok(branchId
    ? await api.GET('/api/branch/{branch_id}/analytics/ai', { params: { path: { branch_id: branchId } } })
    : await api.GET('/api/isp/{isp_id}/analytics/subscribers', { params: { path: { isp_id: ispId } } })), [ispId, branchId]);
  const [training, setTraining] = useState(false);
  const [trainNote, setTrainNote] = useState<{ ok: boolean; text: string } | null>(null);

  async function retrain() {
    setTraining(true);
    setTrainNote(null);
    const r = await api.POST('/api/isp/{isp_id}/churn/train', { params: { path: { isp_id: ispId } } });
    setTraining(false);
    if (r.data) {
      setTrainNote(r.data.trained
        ? { ok: true, text: t('churn.trained', { version: r.data.version ?? 0, scored: fmt.number(r.data.scored) }) }
        : { ok: false, text: t('churn.notTrained', { churners: r.data.churners, rows: fmt.number(r.data.training_rows) }) });
      await reload();
    } else setTrainNote({ ok: false, text: problemDetail(r.error) ?? t('common.error') });
  }

  const m = data?.model;
  return (
    <Card sx={{ mb: 2 }} data-testid="churn-overview">
      <CardContent>
        <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ justifyContent: 'space-between', alignItems: { sm: 'center' }, mb: 1, gap: 1 }}>
          <Typography variant="h6" component="h2">{t('churn.overviewTitle')}</Typography>
          {!branchId && can('isp:manage') ? (
            <Button size="small" variant="outlined" onClick={() => void retrain()} disabled={training}>{training ? t('churn.training') : t('churn.retrain')}</Button>
          ) : null}
        </Stack>
        {trainNote ? <Alert severity={trainNote.ok ? 'success' : 'info'} sx={{ mb: 2 }} onClose={() => setTrainNote(null)}>{trainNote.text}</Alert> : null}
        <ErrorAlert error={error} onRetry={reload} />
        {!data && !error ? <Loading /> : null}
        {data && !m ? <Typography variant="body2" color="text.secondary">{t('churn.noModel')}</Typography> : null}
        {data && m ? (
          <>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              {t('churn.modelLine', {
                version: m.version, at: fmt.dateTime(m.trained_at), rows: fmt.number(m.training_rows), churners: fmt.number(m.churners),
                auc: m.cv_auc === null ? '—' : m.cv_auc.toFixed(2), days: m.horizon_days,
              })}
            </Typography>
            <Grid container spacing={2} sx={{ mb: 2 }}>
              <Grid size={{ xs: 12, sm: 4 }}>
                <StatCard
                  label={t('churn.atRiskCount')} tone={data.at_risk ? 'error' : 'default'}
                  value={<span data-testid="churn-at-risk">{fmt.number(data.at_risk)}</span>}
                  hint={branchId ? t('churn.threshold', { risk: cf.risk(m.at_risk_threshold) }) : (
                    <Link component={RouterLink} to={`${base}/subscribers?segment=at_risk`}>{t('churn.openSegment')}</Link>
                  )}
                />
              </Grid>
              <Grid size={{ xs: 6, sm: 4 }}><StatCard label={t('churn.scored')} value={fmt.number(data.scored)} /></Grid>
              <Grid size={{ xs: 6, sm: 4 }}>
                <StatCard label={t('churn.meanRisk')} value={data.mean_risk === null ? '—' : cf.risk(data.mean_risk)} hint={t('churn.baseRate', { risk: cf.risk(m.base_rate) })} />
              </Grid>
            </Grid>
            <Grid container spacing={3}>
              <Grid size={{ xs: 12, md: 6 }}>
                <Typography variant="subtitle2" component="h3" gutterBottom>{t('churn.distribution')}</Typography>
                <CategoryBars empty={t('common.none')} data={data.distribution.map((d) => ({ label: `${cf.risk(d.from)} – ${cf.risk(d.to)}`, value: d.count }))} />
              </Grid>
              <Grid size={{ xs: 12, md: 6 }}>
                <Typography variant="subtitle2" component="h3" gutterBottom>{t('churn.topReasons')}</Typography>
                <CategoryBars empty={t('churn.noneAtRisk')} data={data.top_reasons.map((r) => ({ label: cf.feature(r.feature), value: r.subscribers }))} />
              </Grid>
            </Grid>
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}
