// The floor: plan-widget's own display lists (the same shapes: exported once by the runner's
// setup page) drawn with direct Canvas 2D calls, no library, no layout, no wasm. Text arrives
// as JSON text and is parsed inside the timed region, as every other library's data is. Each
// list holds only the part plan-widget paints at first (its tiles within a viewport of the
// screen: the top two viewports), cut by the setup page, so both paint the same visible part.
import { box, text } from '../harness.js';

export async function prepare(w) {
  if (w === 'b') return Promise.all(Array.from({ length: 40 }, (_, i) => text(`floor/b/${i + 1}.json`)));
  if (w === 'd') return [await text('floor/d.json'), await text('floor/d-1000.json')];
  return text(`floor/${w}.json`);
}

const css = (c) => `rgba(${c.r},${c.g},${c.b},${c.a})`;

/** Paints one display list onto a canvas at DPR `dpr`. */
export function paint(canvas, list, dpr = devicePixelRatio || 1) {
  canvas.width = Math.round(list.width * dpr);
  canvas.height = Math.round(list.height * dpr);
  canvas.style.width = `${list.width}px`;
  canvas.style.height = `${list.height}px`;
  const g = canvas.getContext('2d');
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.fillStyle = css(list.background);
  g.fillRect(0, 0, list.width, list.height);
  g.lineCap = 'butt';
  g.lineJoin = 'round';
  const family = list.font_family || 'sans-serif';
  for (const item of list.items) {
    const [kind, v] = Object.entries(item)[0];
    switch (kind) {
      case 'Rect': {
        const r = v.rect;
        g.beginPath();
        if (v.radius > 0) g.roundRect(r.x, r.y, r.w, r.h, v.radius);
        else g.rect(r.x, r.y, r.w, r.h);
        if (v.fill) {
          g.fillStyle = css(v.fill);
          g.fill();
        }
        if (v.stroke) stroke(g, v.stroke);
        break;
      }
      case 'Circle':
        g.beginPath();
        g.arc(v.cx, v.cy, Math.max(0, v.r), 0, 2 * Math.PI);
        if (v.fill) {
          g.fillStyle = css(v.fill);
          g.fill();
        }
        if (v.stroke) stroke(g, v.stroke);
        break;
      case 'Arc': {
        const rad = Math.PI / 180;
        g.beginPath();
        g.arc(v.cx, v.cy, v.r, v.start_deg * rad, (v.start_deg + v.sweep_deg) * rad, v.sweep_deg < 0);
        stroke(g, { color: v.color, width: v.width, dash: null });
        break;
      }
      case 'Polyline':
        if (v.points.length < 2) break;
        g.beginPath();
        g.moveTo(v.points[0][0], v.points[0][1]);
        for (let i = 1; i < v.points.length; i++) g.lineTo(v.points[i][0], v.points[i][1]);
        stroke(g, v.stroke);
        break;
      case 'Polygon':
        if (v.points.length < 3) break;
        g.beginPath();
        g.moveTo(v.points[0][0], v.points[0][1]);
        for (let i = 1; i < v.points.length; i++) g.lineTo(v.points[i][0], v.points[i][1]);
        g.closePath();
        g.fillStyle = css(v.fill);
        g.fill();
        break;
      case 'Text': {
        g.font = `${v.bold ? 'bold' : 'normal'} ${v.size}px ${family}`;
        g.fillStyle = css(v.color);
        g.textAlign = v.anchor === 'Start' ? 'left' : v.anchor === 'End' ? 'right' : 'center';
        g.textBaseline = 'middle';
        const h = v.bounds.h || v.size * 1.25;
        const y = v.baseline === 'Top' ? v.y + h / 2 : v.baseline === 'Bottom' ? v.y - h / 2 : v.y;
        g.fillText(v.text, v.x, y);
        break;
      }
    }
  }
}

function stroke(g, s) {
  g.strokeStyle = css(s.color);
  g.lineWidth = s.width;
  g.setLineDash(s.dash ? s.dash : []);
  g.stroke();
}

function canvasIn(parent) {
  const c = document.createElement('canvas');
  c.style.display = 'block';
  parent.append(c);
  return c;
}

export async function render(w, data, root) {
  if (w === 'b') {
    const grid = box(root, 'grid', { '--cols': 2 });
    for (const json of data) paint(canvasIn(grid.appendChild(document.createElement('div'))), JSON.parse(json));
    return {};
  }
  const el = box(root, 'wide');
  const canvas = canvasIn(el);
  if (w === 'd') {
    paint(canvas, JSON.parse(data[0]));
    // Redraw on resize, as a widget does (the list for the new width was laid out beforehand).
    let seen = false;
    const done = new Promise((resolve) => {
      new ResizeObserver(() => {
        if (!seen) {
          seen = true;
          return;
        }
        paint(canvas, JSON.parse(data[1]));
        resolve();
      }).observe(el);
    });
    return { done };
  }
  paint(canvas, JSON.parse(data));
  return {};
}

export async function resized(handle) {
  await handle.done;
}
