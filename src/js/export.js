// Export and download: the widget's CSV and PNG, and offerDownload(), which the authoring page
// (www/authoring.js, through pkg/authoring/export.js) uses for its JSON and fill-in sheet too.

import { widgetError } from './errors.js';
import { composeTiles } from './tiles.js';

/**
 * Offers `data` (text or bytes) as a file download named `name`, through an object URL and a
 * hidden link appended to `parent` (a shadow root works) for the click.
 */
export function offerDownload(data, name, type, parent = document.body) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  parent.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

function notReady(ctl) {
  return widgetError('export.notReady', '尚未显示数据', 'nothing is shown yet', { lang: ctl.lang });
}

/** The indicators that pass the filter (all without one) as CSV text. */
export function toCSV(ctl) {
  if (!ctl.widget || !ctl.rendered) throw notReady(ctl);
  return ctl.guard(() => ctl.widget.toCSV());
}

/** Offers toCSV() as a file download (UTF-8 with BOM, so spreadsheets read the Chinese). */
export function downloadCSV(ctl) {
  const text = toCSV(ctl);
  const plan = ctl.widget.plan() || {};
  const filename = `${plan.id || 'plan'}.csv`;
  offerDownload(`\ufeff${text}`, filename, 'text/csv;charset=utf-8', ctl.root);
  ctl.emit('plan-widget-download', { format: 'csv', filename });
  return filename;
}

/** The scale of toPNG(), reduced where the PNG would exceed one canvas's area. */
const PNG_SCALE = 2;

/**
 * A PNG of the whole current view at 2× (less where it would exceed one canvas's 16,777,216 px:
 * the Blob's `scale` says), with the plan's title, as-of date and source burned in, composed tile
 * by tile (tiles.js).
 */
export async function toPNG(ctl) {
  if (ctl.widget && !ctl.rendered) ctl.render();
  if (!ctl.widget || !ctl.rendered) throw notReady(ctl);
  const focus = ctl.focusKey;
  if (focus) ctl.guard(() => ctl.widget.setOptions({ focus: '' }));
  const lineCount = 3;
  const footer = 24 * lineCount + 16;
  let height;
  let composed;
  try {
    height = ctl.layout();
    composed = composeTiles(ctl.width, height, PNG_SCALE, (c, top, rows, s) => ctl.paintTile(c, top, rows, s), { extraRows: footer });
  } finally {
    if (focus) ctl.guard(() => ctl.widget.setOptions({ focus }));
  }
  const { canvas: out, scale } = composed;
  const plan = ctl.widget.plan() || {};
  const ev = ctl.widget.evaluation() || {};
  const en = ctl.lang === 'en';
  const lines = [
    plan.title || '',
    `${en ? 'As of' : '截至'} ${ev.asOf || ''}${plan.sampleData ? (en ? ' · Sample data' : ' · 示例数据') : ''}`,
    `${en ? 'Source' : '来源'}: ${(plan.source && (plan.source.url || plan.source.title)) || plan.issuer || ''}`,
  ];
  const g = out.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, height * scale, out.width, out.height - height * scale);
  g.fillStyle = '#1f2328';
  g.font = `${14 * scale}px system-ui, sans-serif`;
  g.textBaseline = 'top';
  lines.slice(0, lineCount).forEach((t, i) => g.fillText(t, 12 * scale, (height + 8 + i * 24) * scale, out.width - 24 * scale));
  ctl.render();
  return new Promise((resolve, reject) =>
    out.toBlob((b) => {
      if (!b) return reject(new Error('toBlob failed'));
      b.scale = scale;
      resolve(b);
    }, 'image/png'),
  );
}
