// Export and download: the widget's CSV and PNG, and offerDownload(), which the authoring page
// (www/authoring.js, through pkg/authoring/export.js) uses for its JSON and fill-in sheet too.

import { widgetError } from './errors.js';

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

/** A PNG of the current view at 2×, with the plan's title, as-of date and source burned in. */
export async function toPNG(ctl) {
  if (ctl.widget && !ctl.rendered) ctl.render();
  if (!ctl.widget || !ctl.rendered) throw notReady(ctl);
  const scale = 2;
  const chart = document.createElement('canvas');
  const focus = ctl.focusKey;
  if (focus) ctl.guard(() => ctl.widget.setOptions({ focus: '' }));
  let height;
  try {
    height = ctl.guard(() => ctl.widget.render(chart, ctl.width, scale));
  } finally {
    if (focus) ctl.guard(() => ctl.widget.setOptions({ focus }));
  }
  const plan = ctl.widget.plan() || {};
  const ev = ctl.widget.evaluation() || {};
  const en = ctl.lang === 'en';
  const lines = [
    plan.title || '',
    `${en ? 'As of' : '截至'} ${ev.asOf || ''}${plan.sampleData ? (en ? ' · Sample data' : ' · 示例数据') : ''}`,
    `${en ? 'Source' : '来源'}: ${(plan.source && (plan.source.url || plan.source.title)) || plan.issuer || ''}`,
  ];
  const out = document.createElement('canvas');
  const footer = 24 * lines.length + 16;
  out.width = chart.width;
  out.height = chart.height + footer * scale;
  const g = out.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, out.width, out.height);
  g.drawImage(chart, 0, 0);
  g.fillStyle = '#1f2328';
  g.font = `${14 * scale}px system-ui, sans-serif`;
  g.textBaseline = 'top';
  lines.forEach((t, i) => g.fillText(t, 12 * scale, (height + 8 + i * 24) * scale, out.width - 24 * scale));
  ctl.render();
  return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob failed'))), 'image/png'));
}
