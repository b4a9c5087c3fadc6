import { Box, Button, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { useT } from '../i18n/index.tsx';

export function NotFound({ message }: { message?: string }) {
  const t = useT();
  return (
    <Box component="main" sx={{ p: 4, textAlign: 'center' }}>
      <Typography variant="h4" component="h1" gutterBottom>{t('notFound.title')}</Typography>
      <Typography color="text.secondary" sx={{ mb: 3 }}>{message ?? t('notFound.body')}</Typography>
      <Button component={RouterLink} to="/" variant="contained">{t('notFound.home')}</Button>
    </Box>
  );
}
