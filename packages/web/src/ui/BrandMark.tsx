/** The ISP's logo, or its initial on its primary colour. */
import { Avatar, Box } from '@mui/material';
import { useBrand } from './theme.tsx';

export function BrandMark({ size = 32 }: { size?: number }) {
  const { brand } = useBrand();
  if (brand.logoUrl) return <Box component="img" src={brand.logoUrl} alt="" sx={{ width: size, height: size, objectFit: 'contain', borderRadius: 1 }} />;
  return (
    <Avatar variant="rounded" sx={{ width: size, height: size, bgcolor: 'primary.main', color: 'primary.contrastText', fontSize: size * 0.5, fontWeight: 700 }} aria-hidden="true">
      {brand.name.slice(0, 1).toUpperCase()}
    </Avatar>
  );
}
