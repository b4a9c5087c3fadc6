/** Calling-Station-Id formats vary (aa-bb-.., aabb..); store one canonical form. */
export function normaliseMac(mac: string | null | undefined): string | null {
  if (!mac) return null;
  return mac.toUpperCase().replace(/[^0-9A-F]/g, '').replace(/(..)(?!$)/g, '$1:');
}
