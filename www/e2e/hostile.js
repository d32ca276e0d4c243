// Test page for tests/e2e/hostile.test.mjs: exposes mount(), the wasm module's exports (for its
// memory) and its test hook armPanicForTests(), and builds hostile plans inside the page so that
// multi-megabyte JSON need not cross the test protocol.
import { mount, ready } from '/pkg/plan-widget.js';
import { armPanicForTests } from '/pkg/plan_widget.js';
import { hoverEveryHit } from './tips.js';

// The format's caps (docs/format.md "Limits"; src/parse.rs `Limits::default()`).
export const CAPS = {
  fileBytes: 20 * 1024 * 1024,
  sections: 1000,
  indicators: 10000,
  targets: 100,
  actuals: 200000,
  totalActuals: 1000000,
  stringChars: 2000,
  names: 50,
};
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

/** A plan with every string field present, each set to `s` (ids and periods excepted). */
export function everyString(s) {
  return {
    schemaVersion: 1,
    plan: {
      id: 'hostile', title: s, issuer: s, start: '2024', end: '2026', asOf: '2025-06-30',
      source: { title: s, url: s }, note: s,
    },
    sections: [{ id: 's1', title: s, leaders: [s], units: [s] }],
    indicators: [
      {
        id: 'a', section: 's1', name: s, unit: s, kind: 'level',
        baseline: { period: '2023', value: 60, note: s },
        targets: [{ period: '2026', value: 80 }],
        actuals: [{ period: '2024', value: 66, note: s }],
        quote: s, leaders: [s], units: [s], note: s,
      },
      { id: 'b', section: 's1', name: s, kind: 'task', actuals: [{ period: '2025-H1', state: 'inProgress', note: s }], quote: s },
    ],
  };
}

/** A small valid plan to modify. */
function base() {
  const p = everyString('文字');
  p.plan.source.url = 'https://example.org/plan';
  return p;
}

/** A plan just over one cap, as JSON text; `which` is the error code's last part. */
export function overCap(which) {
  const p = base();
  const c = CAPS;
  switch (which) {
    case 'fileSize': {
      const text = JSON.stringify(p);
      return text + ' '.repeat(c.fileBytes + 1 - text.length);
    }
    case 'sections':
      p.sections = Array.from({ length: c.sections + 1 }, (_, i) => ({ id: i ? `x${i}` : 's1', title: '章' }));
      break;
    case 'indicators':
      p.indicators = Array.from({ length: c.indicators + 1 }, (_, i) => ({ ...p.indicators[1], id: `t${i}` }));
      break;
    case 'targets':
      p.indicators[0].targets = Array.from({ length: c.targets + 1 }, (_, i) => ({ period: String(MIN_YEAR + i), value: 80 }));
      break;
    case 'actuals':
      p.indicators[0].actuals = new Array(c.actuals + 1).fill(0);
      break;
    case 'totalActuals': {
      const per = Math.floor(c.totalActuals / 5) + 1;
      p.indicators = Array.from({ length: 5 }, (_, i) => ({ ...p.indicators[1], id: `t${i}`, actuals: new Array(per).fill(0) }));
      break;
    }
    case 'stringLength':
      p.indicators[0].name = 'x'.repeat(c.stringChars + 1);
      break;
    case 'names':
      p.indicators[0].units = Array.from({ length: c.names + 1 }, (_, i) => `u${i}`);
      break;
    default:
      throw new Error(`no cap ${which}`);
  }
  return JSON.stringify(p);
}

function isoDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * A valid plan at the caps, as JSON text: the same plan as `at_caps_plan()` in tests/hostile.rs
 * (10,000 indicators over 1,000 sections of 50 units each; one indicator with 100 targets, one
 * with an actual for every day of 1900–2200; 2,000-character strings).
 */
export function atCaps() {
  const c = CAPS;
  const long = (ch) => ch.repeat(c.stringChars);
  const units = Array.from({ length: c.names }, (_, i) => `单位${i}`);
  const sections = Array.from({ length: c.sections }, (_, i) => ({ id: `s${i}`, title: `第${i}章`, units }));
  const indicators = Array.from({ length: c.indicators }, (_, i) => {
    const section = `s${i % c.sections}`;
    switch (i % 4) {
      case 0:
        return { id: `i${i}`, section, name: `指标${i}`, unit: '%', kind: 'level', baseline: { period: '2023', value: 50 }, targets: [{ period: '2026', value: 90 }], actuals: [{ period: '2024', value: 60 + (i % 30) }], quote: '达到90%' };
      case 1:
        return { id: `i${i}`, section, name: `指标${i}`, unit: '所', kind: 'cumulative', targets: [{ period: '2026', value: 10 }], actuals: [{ period: '2024', value: i % 12 }], quote: '新建10所' };
      case 2:
        return { id: `i${i}`, section, name: `任务${i}`, kind: 'task', actuals: [{ period: '2025-H1', state: 'inProgress' }], quote: '完成任务' };
      default:
        return { id: `i${i}`, section, name: `节点${i}`, kind: 'milestone', targets: [{ period: '2025-06-30' }], quote: '按期完成' };
    }
  });
  indicators[0].targets = Array.from({ length: c.targets }, (_, k) => ({ period: String(MIN_YEAR + 1 + k), value: 50 + (k % 40) }));
  indicators[0].baseline = { period: String(MIN_YEAR), value: 50 };
  const first = Date.UTC(MIN_YEAR, 0, 1);
  const last = Date.UTC(MAX_YEAR, 11, 31);
  const days = Math.min(c.actuals, Math.round((last - first) / 86400000) + 1);
  indicators[5].actuals = Array.from({ length: days }, (_, k) => ({ period: isoDay(first + k * 86400000), value: Math.floor(k / 10000) }));
  indicators[8].name = long('名');
  indicators[8].quote = long('引');
  return JSON.stringify({
    schemaVersion: 1,
    plan: { id: 'at-caps', title: long('标'), issuer: '上限测试', start: String(MIN_YEAR), end: String(MAX_YEAR), asOf: '2025-06-30', note: long('注') },
    sections,
    indicators,
  });
}

window.__mount = mount;
window.__hoverEveryHit = hoverEveryHit;
window.__plans = { everyString, overCap, atCaps, CAPS };
window.__armPanicForTests = armPanicForTests;
ready().then((wasm) => {
  window.__wasm = wasm;
  window.__hostileReady = true;
});
