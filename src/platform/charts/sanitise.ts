/**
 * ECharts' server-side SVG, made fit for a page under our CSP, which forbids
 * inline styles (`style-src 'self'`):
 *
 * - `style="font-size:12px;…"` becomes presentation attributes (`font-size="12px"`),
 *   which the CSP allows, for the properties a chart needs; anything else in
 *   a style attribute is dropped;
 * - `font-family` is dropped on purpose: the text then inherits the page's
 *   font, including the reading font a person chose in their preferences;
 * - the `<style>` block (hover rules for an interactive chart, which a static
 *   one has no use for), the classes it styled and the non-standard
 *   `ecmeta_*` attributes go.
 */
const presentationProperties = new Set([
  'fill',
  'fill-opacity',
  'font-size',
  'font-style',
  'font-weight',
  'opacity',
  'stroke',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-opacity',
  'stroke-width',
  'text-anchor',
  'dominant-baseline',
]);

/**
 * A start tag's `style` as presentation attributes. A value is kept only if it
 * is plain (no quote, angle bracket or entity that could end the attribute),
 * and never over an attribute the element already has.
 */
function withoutStyle(tag: string): string {
  const style = /\sstyle="([^"]*)"/.exec(tag);
  if (style === null) return tag;
  const rest = tag.replace(style[0], '');
  const has = (name: string) => new RegExp(`\\s${name}="`).test(rest);
  const attributes: string[] = [];
  for (const declaration of (style[1] ?? '').split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const name = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim();
    if (!presentationProperties.has(name) || has(name) || value === '' || /["'<>&]/.test(value)) continue;
    attributes.push(` ${name}="${value}"`);
  }
  return rest.replace(/\s*(\/?)>$/, (_end, slash: string) => `${attributes.join('')}${slash}>`);
}

/** The sanitised SVG: its root element gets `rootClass` and is hidden from assistive technology. */
export function sanitiseChartSvg(svg: string, rootClass: string): string {
  const cleaned = svg
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/<[a-zA-Z][^>]*>/g, withoutStyle)
    .replace(/\secmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/\sclass="zr\d+-cls-\d+"/g, '')
    .replace(/\spointer-events="[^"]*"/g, '')
    .replace(/>\s*\n\s*</g, '><')
    .trim();
  // The table beside the chart holds the same figures and is what assistive technology reads.
  return cleaned.replace(/^<svg\b/, `<svg class="${rootClass}" aria-hidden="true" focusable="false"`);
}
