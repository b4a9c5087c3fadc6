/** The portal frame: app bar with the brand, a navigation drawer (temporary below md), user menu. */
import { useState, type ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import {
  AppBar, Avatar, Box, Divider, Drawer, IconButton, Menu, MenuItem, Toolbar, Typography, useMediaQuery, useTheme,
} from '@mui/material';
import MenuIcon from '@mui/icons-material/Menu';
import { NavList, type NavItem } from './NavList.tsx';
import { useAuth } from '../auth/AuthProvider.tsx';
import { useI18n } from '../i18n/index.tsx';
import { LanguageSelect } from './LanguageSelect.tsx';
import { useBrand } from './theme.tsx';
import { BrandMark } from './BrandMark.tsx';

export { BrandMark };
export type { NavItem };

const DRAWER = 248;

export function AppShell({ nav, portalLabel, loginPath, children }: { nav: NavItem[]; portalLabel: string; loginPath: string; children?: ReactNode }) {
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up('md'));
  const [open, setOpen] = useState(false);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const { me, logout } = useAuth();
  const { t, dir } = useI18n();
  const { brand } = useBrand();
  const navigate = useNavigate();
  const location = useLocation();

  const drawer = (
    <Box component="nav" aria-label={t('nav.main')}>
      <Toolbar sx={{ gap: 1.5 }}>
        <BrandMark />
        <Box sx={{ minWidth: 0 }}>
          <Typography variant="subtitle1" sx={{ fontWeight: 700, lineHeight: 1.2 }} noWrap>{brand.name}</Typography>
          <Typography variant="caption" color="text.secondary" noWrap component="p">{portalLabel}</Typography>
        </Box>
      </Toolbar>
      <Divider />
      <NavList nav={nav} onNavigate={() => setOpen(false)} />
    </Box>
  );

  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <a href="#main" className="skip-link">{t('common.skip')}</a>
      <AppBar position="fixed" color="inherit" sx={{ width: { md: `calc(100% - ${DRAWER}px)` }, ml: { md: `${DRAWER}px` }, borderBottom: 1, borderColor: 'divider' }} elevation={0}>
        <Toolbar sx={{ gap: 1 }}>
          {!wide ? (
            <IconButton edge="start" onClick={() => setOpen(true)} aria-label={t('nav.open')}>
              <MenuIcon />
            </IconButton>
          ) : null}
          <Typography variant="h6" component="p" sx={{ flex: 1, minWidth: 0 }} noWrap>
            {wide ? portalLabel : brand.name}
          </Typography>
          <Box sx={{ display: { xs: 'none', sm: 'block' } }}><LanguageSelect /></Box>
          <IconButton onClick={(e) => setAnchor(e.currentTarget)} aria-label={t('nav.account')} aria-haspopup="menu" data-testid="account-menu">
            <Avatar sx={{ width: 32, height: 32, bgcolor: 'secondary.main', color: 'secondary.contrastText', fontSize: 14 }}>
              {(me?.name ?? me?.email ?? '?').slice(0, 1).toUpperCase()}
            </Avatar>
          </IconButton>
          <Menu anchorEl={anchor} open={Boolean(anchor)} onClose={() => setAnchor(null)} anchorOrigin={{ vertical: 'bottom', horizontal: dir === 'rtl' ? 'left' : 'right' }}>
            <MenuItem disabled sx={{ flexDirection: 'column', alignItems: 'flex-start', opacity: '1 !important' }}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>{me?.name ?? me?.email}</Typography>
              <Typography variant="caption" color="text.secondary">{me ? t(`role.${me.role}`) : ''}</Typography>
            </MenuItem>
            <Box sx={{ px: 2, py: 1, display: { sm: 'none' } }}><LanguageSelect fullWidth /></Box>
            <Divider />
            <MenuItem
              onClick={async () => {
                setAnchor(null);
                await logout();
                navigate(loginPath, { replace: true, state: { from: location.pathname } });
              }}
            >
              {t('nav.logout')}
            </MenuItem>
          </Menu>
        </Toolbar>
      </AppBar>
      <Box sx={{ width: { md: DRAWER }, flexShrink: { md: 0 } }}>
        {wide ? (
          <Drawer variant="permanent" open sx={{ '& .MuiDrawer-paper': { width: DRAWER, boxSizing: 'border-box', borderRight: 1, borderColor: 'divider' } }}>
            {drawer}
          </Drawer>
        ) : (
          <Drawer variant="temporary" open={open} onClose={() => setOpen(false)} ModalProps={{ keepMounted: true }} sx={{ '& .MuiDrawer-paper': { width: DRAWER } }}>
            {drawer}
          </Drawer>
        )}
      </Box>
      <Box component="main" id="main" tabIndex={-1} sx={{ flexGrow: 1, minWidth: 0, p: { xs: 2, sm: 3 }, width: { md: `calc(100% - ${DRAWER}px)` } }}>
        <Toolbar />
        {children ?? <Outlet />}
      </Box>
    </Box>
  );
}
