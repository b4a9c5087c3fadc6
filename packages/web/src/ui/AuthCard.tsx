/** The branded frame of the pages before login (sign in, reset password): the brand's colour band and one card. */
import type { ReactNode } from 'react';
import { Box, Card, CardContent } from '@mui/material';

export function AuthCard({ children }: { children: ReactNode }) {
  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2, background: (th) => `linear-gradient(160deg, ${th.palette.primary.main} 0%, ${th.palette.primary.dark} 45%, ${th.palette.background.default} 45%)` }}>
      <Card sx={{ width: '100%', maxWidth: 420 }} elevation={4}>
        <CardContent sx={{ p: { xs: 3, sm: 4 } }}>{children}</CardContent>
      </Card>
    </Box>
  );
}
