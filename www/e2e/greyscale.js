// Renders a dashboard with the real wasm module on a real canvas, finds the status legend's
// icons next to their labels in the display list, converts their pixels to greyscale (Rec. 709
// luma, as CSS grayscale(1)) and compares their shapes. Results go to window.__greyscale.
import init, { Widget } from '/pkg/plan_widget.js';

const params = new URLSearchParams(location.search);
const plan = params.get('plan') || '../data/001-yancheng-kfq.json';
const theme = params.get('theme') || 'light';
const dpr = 2;

function entries(list) {
  // Items are serialized as { Kind: body }.
  return list.items.map((item) => {
    const [kind] = Object.keys(item);
    return { kind, ...item[kind] };
  });
}

function iconBox(it) {
  if (it.kind === 'Circle') {
    const r = it.r + (it.stroke ? it.stroke.width / 2 : 0);
    return { x0: it.cx - r, y0: it.cy - r, x1: it.cx + r, y1: it.cy + r };
  }
  if (it.kind === 'Polygon') {
    const xs = it.points.map((p) => p[0]);
    const ys = it.points.map((p) => p[1]);
    return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
  }
  return null;
}

async function run() {
  await init();
  const w = new Widget();
  w.load(await (await fetch(plan)).text());
  w.setOptions({ theme, view: 'dashboard' });
  const canvas = document.createElement('canvas');
  document.getElementById('out').append(canvas);
  const height = w.render(canvas, 1000, dpr);
  canvas.style.width = '1000px';
  canvas.style.height = `${height}px`;
  const items = entries(w.displayList());
  const labels = { achieved: '已完成', onTrack: '进度正常', atRisk: '存在风险', offTrack: '进度滞后', missed: '未完成', notDue: '未到期', noData: '暂无数据' };
  const ctx = canvas.getContext('2d');
  const bgPx = ctx.getImageData(1, 1, 1, 1).data;
  const grey = (r, g, b) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const bg = grey(bgPx[0], bgPx[1], bgPx[2]);
  const found = {};
  for (const [status, label] of Object.entries(labels)) {
    // The legend: a text starting with the label, with an icon of that status just left of it.
    const text = items.find((t) => t.kind === 'Text' && t.text.startsWith(label) && items.some((i) => {
      const b = i.status === status && iconBox(i);
      return b && b.x1 <= t.bounds.x + 0.5 && t.bounds.x - b.x1 < 12 && b.y0 < t.bounds.y + t.bounds.h && b.y1 > t.bounds.y;
    }));
    if (!text) continue;
    const icon = items.find((i) => {
      const b = i.status === status && iconBox(i);
      return b && b.x1 <= text.bounds.x + 0.5 && text.bounds.x - b.x1 < 12 && b.y0 < text.bounds.y + text.bounds.h && b.y1 > text.bounds.y;
    });
    const b = iconBox(icon);
    // A square around the icon's centre, in device pixels.
    const size = Math.ceil(Math.max(b.x1 - b.x0, b.y1 - b.y0) * dpr) + 4;
    const cx = ((b.x0 + b.x1) / 2) * dpr;
    const cy = ((b.y0 + b.y1) / 2) * dpr;
    const data = ctx.getImageData(Math.round(cx - size / 2), Math.round(cy - size / 2), size, size).data;
    const mask = [];
    for (let i = 0; i < data.length; i += 4) mask.push(Math.abs(grey(data[i], data[i + 1], data[i + 2]) - bg) > 40 ? 1 : 0);
    found[status] = { label: text.text, size, mask };
  }
  const names = Object.keys(found);
  const pairs = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const a = found[names[i]];
      const b = found[names[j]];
      const n = Math.min(a.size, b.size);
      let xor = 0;
      let union = 0;
      for (let y = 0; y < n; y++) {
        for (let x = 0; x < n; x++) {
          const pa = a.mask[y * a.size + x];
          const pb = b.mask[y * b.size + x];
          if (pa !== pb) xor++;
          if (pa || pb) union++;
        }
      }
      pairs.push({ a: names[i], b: names[j], differ: union ? xor / union : 0 });
    }
  }
  const ink = Object.fromEntries(names.map((s) => [s, found[s].mask.reduce((x, y) => x + y, 0)]));
  window.__greyscale = { labels: Object.fromEntries(names.map((s) => [s, found[s].label])), ink, pairs };
}

run().catch((e) => {
  window.__greyscale = { error: String(e && e.stack ? e.stack : e) };
});
