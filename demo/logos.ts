/**
 * Generated coin logos for the offline demo: a coloured disc with the symbol's first
 * letter, the hue hashed from the id. Served by the msw worker at `/demo-logos/<id>.svg`
 * (see mocks.ts), so `image` in the simulated market is an ordinary http(s) URL.
 * Simulated coins (ids starting `sim-`) get a dashed ring. Pure: no DOM.
 */

/** FNV-1a, 32 bit. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const escapeXml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

export function logoSvg(id: string, symbol: string): string {
  const h = hash(id);
  const hue = h % 360;
  const hue2 = (hue + 30 + ((h >>> 9) % 40)) % 360;
  const letter = escapeXml((symbol.trim()[0] ?? id[0] ?? '?').toUpperCase());
  const simulated = id.startsWith('sim-');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
<stop offset="0" stop-color="hsl(${hue} 70% 52%)"/><stop offset="1" stop-color="hsl(${hue2} 70% 38%)"/>
</linearGradient></defs>
<circle cx="32" cy="32" r="${simulated ? 27 : 31}" fill="url(#g)"/>
${simulated ? '<circle cx="32" cy="32" r="30.5" fill="none" stroke="hsl(' + hue + ' 70% 45%)" stroke-width="2" stroke-dasharray="5 4"/>' : ''}
<text x="32" y="33" text-anchor="middle" dominant-baseline="central" font-family="system-ui,-apple-system,Segoe UI,Roboto,sans-serif" font-size="${simulated ? 28 : 32}" font-weight="700" fill="#fff">${letter}</text>
</svg>`;
}
