import { useState } from 'react';
import { Box, Card, CardContent, Grid, Stack, Typography } from '@mui/material';
import { PlanChangeCard } from './PlanChangeCard.tsx';
import DownloadIcon from '@mui/icons-material/South';
import UploadIcon from '@mui/icons-material/North';
import { useLive } from '../../api/live.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { LiveBadge } from '../../ui/LiveBadge.tsx';
import { PageHeader, StatusChip } from '../../ui/common.tsx';
import { useSubscriber } from './context.ts';

export default function SubscriberHomePage() {
  const t = useT();
  const fmt = useFormat();
  const { subscriber: s, plan } = useSubscriber();
  // Online now, pushed by the server's event stream; without that endpoint (404) nothing is shown.
  const [online, setOnline] = useState<number | null>(null);
  const live = useLive('/api/me/live', (e) => {
    if (e.event === 'sessions') setOnline(e.data.online);
    else if (e.event === 'session') setOnline((n) => Math.max(0, (n ?? 0) + (e.data.op === 'start' ? 1 : -1)));
  });
  return (
    <>
      <PageHeader title={t('self.hello', { name: s.first_name })} subtitle={`${t('subs.account')} ${s.account_number}`} />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 8 }}>
          <Card sx={{ height: '100%', bgcolor: 'primary.main', color: 'primary.contrastText', border: 0 }} data-testid="plan-card">
            <CardContent sx={{ p: 3 }}>
              <Typography variant="overline" component="h2">{t('self.myPlan')}</Typography>
              {plan ? (
                <>
                  <Typography variant="h4" component="p" sx={{ fontWeight: 700 }} data-testid="plan-name">{plan.name}</Typography>
                  {plan.description ? <Typography sx={{ opacity: 0.9 }}>{plan.description}</Typography> : null}
                  <Stack direction="row" spacing={4} sx={{ mt: 3, flexWrap: 'wrap', rowGap: 2 }}>
                    <Box>
                      <Typography variant="caption" component="p" sx={{ opacity: 0.9 }}><DownloadIcon fontSize="inherit" aria-hidden /> {t('self.download')}</Typography>
                      <Typography variant="h5" component="p">{fmt.speed(plan.download_kbps)}</Typography>
                    </Box>
                    <Box>
                      <Typography variant="caption" component="p" sx={{ opacity: 0.9 }}><UploadIcon fontSize="inherit" aria-hidden /> {t('self.upload')}</Typography>
                      <Typography variant="h5" component="p">{fmt.speed(plan.upload_kbps)}</Typography>
                    </Box>
                    <Box>
                      <Typography variant="caption" component="p" sx={{ opacity: 0.9 }}>{t('plans.price')}</Typography>
                      <Typography variant="h5" component="p">{fmt.money(plan.price_minor, plan.currency)} <Typography component="span" variant="body2">/ {t(`period.${plan.billing_period}`)}</Typography></Typography>
                    </Box>
                  </Stack>
                </>
              ) : <Typography variant="h5" component="p">{t('subs.noPlan')}</Typography>}
            </CardContent>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
          <Card sx={{ height: '100%' }}>
            <CardContent>
              <Typography variant="overline" component="h2" color="text.secondary">{t('self.service')}</Typography>
              <Box sx={{ my: 1 }}><StatusChip status={s.status} /></Box>
              <Typography variant="body2" color="text.secondary">{t(`self.statusHelp_${s.status}`)}</Typography>
              {live && online !== null ? (
                <Stack direction="row" spacing={1} sx={{ mt: 2, alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }} data-testid="online-now">
                  <Typography variant="body2" sx={{ fontWeight: 600 }}>{online > 0 ? t('live.onlineNow') : t('live.offline')}</Typography>
                  <LiveBadge live={live} />
                </Stack>
              ) : null}
              <Typography variant="body2" sx={{ mt: 2 }}>{t('self.since', { date: fmt.date(s.activated_at ?? s.created_at) })}</Typography>
            </CardContent>
          </Card>
        </Grid>
      </Grid>
      <PlanChangeCard />
    </>
  );
}
