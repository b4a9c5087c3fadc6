/** A subscriber's churn risk and the reasons behind it: the model's own feature contributions for them. */
import { Box, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { api } from '../../../api/client.ts';
import { useFormat, useT } from '../../../i18n/index.tsx';
import { ApiError, Loading, ok, useLoad } from '../../../ui/common.tsx';
import { useIsp } from '../context.ts';
import { useChurnFormat } from './churn-format.ts';

export function ChurnRiskCard({ subscriberId }: { subscriberId: string }) {
  const t = useT();
  const fmt = useFormat();
  const cf = useChurnFormat();
  const { ispId } = useIsp();
  // 404: not scored yet (new, terminated, or no model for this ISP): the card says so.
  const { data, error, loading } = useLoad(async () => {
    try {
      return ok(await api.GET('/api/isp/{isp_id}/subscribers/{subscriber_id}/churn', { params: { path: { isp_id: ispId, subscriber_id: subscriberId } } }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  }, [ispId, subscriberId]);
  const max = Math.max(0.01, ...(data?.reasons ?? []).map((r) => r.contribution));
  return (
    <Card sx={{ mb: 2 }} data-testid="churn-risk">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>{t('churn.riskTitle')}</Typography>
        {loading && data === undefined ? <Loading /> : null}
        {error ? <Typography color="error" variant="body2">{t('common.error')}</Typography> : null}
        {data === null ? <Typography variant="body2" color="text.secondary">{t('churn.notScored')}</Typography> : null}
        {data ? (
          <>
            <Stack direction="row" spacing={1.5} sx={{ alignItems: 'baseline', mb: 1 }}>
              <Typography variant="h4" component="p" sx={{ fontWeight: 700 }}>{cf.risk(data.risk)}</Typography>
              {data.at_risk ? <Chip color="error" size="small" label={t('churn.atRisk')} /> : <Chip size="small" label={t('churn.notAtRisk')} />}
            </Stack>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              {t('churn.riskMeaning', { days: data.horizon_days })}
            </Typography>
            <Typography variant="subtitle2" component="h3" gutterBottom>{t('churn.reasons')}</Typography>
            {data.reasons.length === 0 ? <Typography variant="body2" color="text.secondary">{t('churn.noReasons')}</Typography> : null}
            <Stack component="ul" spacing={1.25} sx={{ listStyle: 'none', p: 0, m: 0 }}>
              {data.reasons.map((r) => (
                <li key={r.feature}>
                  <Stack direction="row" sx={{ justifyContent: 'space-between', gap: 1 }}>
                    <Typography variant="body2">{cf.feature(r.feature)}</Typography>
                    <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap' }} title={t('churn.contributionHint')}>
                      {cf.contribution(r.contribution)}
                    </Typography>
                  </Stack>
                  <Typography variant="caption" color="text.secondary">{cf.value(r)}</Typography>
                  <Box sx={{ height: 6, borderRadius: 3, bgcolor: 'action.hover', overflow: 'hidden', mt: 0.25 }}>
                    <Box sx={{ width: `${(r.contribution / max) * 100}%`, height: '100%', bgcolor: 'error.main', borderRadius: 3 }} />
                  </Box>
                </li>
              ))}
            </Stack>
            <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 2 }}>
              {t('churn.scoredBy', { version: data.model_version, at: fmt.dateTime(data.scored_at) })}
            </Typography>
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}
