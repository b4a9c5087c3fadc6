import { Card, CardContent, Grid, Typography } from '@mui/material';
import { useT } from '../../i18n/index.tsx';
import { LanguageSelect } from '../../ui/LanguageSelect.tsx';
import { PageHeader } from '../../ui/common.tsx';
import { useSubscriber } from './SubscriberPortal.tsx';

export default function SubscriberProfilePage() {
  const t = useT();
  const { subscriber: s } = useSubscriber();
  const row = (label: string, value: string | null | undefined) => (
    <Grid size={{ xs: 12, sm: 6 }}>
      <Typography variant="caption" color="text.secondary" component="p">{label}</Typography>
      <Typography sx={{ wordBreak: 'break-word' }}>{value || '—'}</Typography>
    </Grid>
  );
  return (
    <>
      <PageHeader title={t('self.profile')} subtitle={t('self.profileHelp')} />
      <Card sx={{ mb: 2 }}><CardContent>
        <Grid container spacing={2}>
          {row(t('staff.name'), `${s.first_name} ${s.last_name}`)}
          {row(t('subs.account'), s.account_number)}
          {row(t('subs.email'), s.email)}
          {row(t('subs.phone'), s.phone)}
          {row(t('subs.address'), [s.address, s.city].filter(Boolean).join(', '))}
          {row(t('subs.username'), s.username)}
        </Grid>
      </CardContent></Card>
      <Card><CardContent>
        <Typography variant="h6" component="h2" gutterBottom>{t('common.language')}</Typography>
        <LanguageSelect />
      </CardContent></Card>
    </>
  );
}
