/**
 * The drawer's links. Items with a group are filed under a collapsible section, so a portal
 * with thirty pages still fits a laptop screen; the section holding the current page is open.
 */
import { useState, type ReactNode } from 'react';
import { NavLink, matchPath, useLocation } from 'react-router-dom';
import { Collapse, List, ListItem, ListItemButton, ListItemIcon, ListItemText } from '@mui/material';
import ExpandLess from '@mui/icons-material/ExpandLess';
import ExpandMore from '@mui/icons-material/ExpandMore';

/** `group` (a translated label) files the item under a collapsible section of the drawer. */
export type NavItem = { to: string; label: string; icon: ReactNode; end?: boolean; group?: string };

type Section = { group: string | null; items: NavItem[] };

const STORE = 'anx.nav.open';

/** Ungrouped links first, in their order; then each group, in the order groups first appear. */
function sectionsOf(nav: NavItem[]): Section[] {
  const top: Section = { group: null, items: nav.filter((n) => !n.group) };
  const groups: Section[] = [];
  for (const item of nav) {
    if (!item.group) continue;
    const existing = groups.find((s) => s.group === item.group);
    if (existing) existing.items.push(item);
    else groups.push({ group: item.group, items: [item] });
  }
  return [top, ...groups];
}

function readOpen(): string[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(STORE) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function NavList({ nav, onNavigate }: { nav: NavItem[]; onNavigate: () => void }) {
  const { pathname } = useLocation();
  const [opened, setOpened] = useState<string[]>(readOpen);
  const toggle = (group: string) => {
    const next = opened.includes(group) ? opened.filter((g) => g !== group) : [...opened, group];
    setOpened(next);
    localStorage.setItem(STORE, JSON.stringify(next));
  };
  const link = (n: NavItem, nested: boolean) => (
    <ListItem key={n.to} disablePadding>
      <ListItemButton
        component={NavLink}
        to={n.to}
        end={n.end}
        onClick={onNavigate}
        sx={{ borderRadius: 2, my: 0.25, pl: nested ? 3 : 2, '&.active': { bgcolor: 'action.selected', color: 'primary.main', '& .MuiListItemIcon-root': { color: 'primary.main' } } }}
      >
        <ListItemIcon sx={{ minWidth: 40 }}>{n.icon}</ListItemIcon>
        <ListItemText primary={n.label} slotProps={{ primary: { variant: nested ? 'body2' : 'body1' } }} />
      </ListItemButton>
    </ListItem>
  );

  return (
    <List sx={{ px: 1 }}>
      {sectionsOf(nav).map((s) => {
        if (!s.group) return s.items.map((n) => link(n, false));
        const current = s.items.some((n) => matchPath({ path: n.to, end: n.end ?? false }, pathname));
        const open = current || opened.includes(s.group);
        const id = `nav-${s.group.replace(/\W+/g, '-')}`;
        return (
          <li key={s.group}>
            <ListItemButton onClick={() => toggle(s.group!)} aria-expanded={open} aria-controls={id} disabled={current}
              sx={{ borderRadius: 2, my: 0.25, '&.Mui-disabled': { opacity: 1 } }}>
              <ListItemText primary={s.group} slotProps={{ primary: { variant: 'overline', color: 'text.secondary', sx: { fontWeight: 700, lineHeight: 1.5 } } }} />
              {open ? <ExpandLess fontSize="small" /> : <ExpandMore fontSize="small" />}
            </ListItemButton>
            <Collapse in={open} timeout="auto" unmountOnExit id={id}>
              <List disablePadding>{s.items.map((n) => link(n, true))}</List>
            </Collapse>
          </li>
        );
      })}
    </List>
  );
}
