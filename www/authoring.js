// The authoring page (authoring.html): plan text or JSON in, indicator JSON out.
//
// Two WebAssembly instances: the authoring bundle (/pkg/authoring/, built with the cargo feature
// `authoring`) drafts, validates and edits the JSON; the widget's own loader (/pkg/plan-widget.js)
// draws the preview. Both load when the page opens; after that nothing touches the network, and
// nothing is stored: the text never leaves this page. Everything from the data reaches the DOM
// as text (textContent), never as HTML.

import initAuthoring, { actualsSheet, draftPlan, formatJson, importActuals, setActual, setAsOf, validate } from '/pkg/authoring/plan_widget.js';
import { mount, ready as widgetReady } from '/pkg/plan-widget.js';
// The loader's download helper (src/js/export.js), built beside the authoring bundle.
import { offerDownload } from '/pkg/authoring/export.js';

const CHECK_DELAY_MS = 300;
const MAX_PROBLEMS_SHOWN = 200;

const KIND_ZH = {
  level: '水平值',
  change: '变化量',
  annualChange: '年均变化',
  growthRate: '增长率',
  cumulative: '累计',
  recurring: '每期',
  zero: '零事故',
  milestone: '里程碑',
  task: '任务',
};
const STATES = [
  ['', '（状态）'],
  ['notStarted', '未启动 notStarted'],
  ['inProgress', '推进中 inProgress'],
  ['done', '已完成 done'],
  ['blocked', '受阻 blocked'],
];
const STATE_ZH = { notStarted: '未启动', inProgress: '推进中', done: '已完成', blocked: '受阻' };

const $ = (id) => document.getElementById(id);
const el = {
  loadStatus: $('load-status'),
  source: $('source'),
  dropzone: $('dropzone'),
  file: $('file'),
  year: $('year'),
  draftButton: $('draft-button'),
  draftSummary: $('draft-summary'),
  draftCount: $('draft-count'),
  draftWarnings: $('draft-warnings'),
  formatButton: $('format-button'),
  cursorPos: $('cursor-pos'),
  gutter: $('gutter'),
  editor: $('editor'),
  checkSummary: $('check-summary'),
  problems: $('problems'),
  previewNote: $('preview-note'),
  preview: $('preview'),
  asOf: $('as-of'),
  rowFilter: $('row-filter'),
  tableNote: $('table-note'),
  periods: $('periods'),
  tbody: $('actuals-body'),
  tableStatus: $('table-status'),
  filename: $('filename'),
  downloadButton: $('download-button'),
  downloadNote: $('download-note'),
  sheetBox: $('sheet-box'),
  sheetButton: $('sheet-button'),
  sheetFile: $('sheet-file'),
  sheetReport: $('sheet-report'),
};

const state = {
  /** Both WebAssembly modules are loaded. */
  ready: false,
  /** The last validate() result. */
  last: null,
  /** Draft metadata by indicator id (from the last draft). */
  items: new Map(),
  /** Signature of the table's rows (index, id, kind), to rebuild only when they change. */
  rowSig: '',
  /** Edits since the last download. */
  dirty: false,
  /** The person typed a file name: keep it. */
  filenameTouched: false,
  /** Line count shown in the gutter, and its marks, to redraw only on change. */
  gutterKey: '',
  checkTimer: 0,
  preview: null,
  /** The text the preview shows. */
  previewText: null,
};

/** `中文 / English` of an Error from the authoring module or the widget. */
function errorText(e) {
  if (e && e.messageZh) return e.messageEn ? `${e.messageZh} / ${e.messageEn}` : e.messageZh;
  return String((e && e.message) || e);
}

function node(tag, className, text) {
  const n = document.createElement(tag);
  if (className) n.className = className;
  if (text !== undefined && text !== null) n.textContent = text;
  return n;
}

function en(text) {
  const s = node('span', 'en', text);
  s.lang = 'en';
  return s;
}

// ---------------------------------------------------------------------------------------------
// Source: paste, drop, open.

function looksLikeJson(text) {
  const t = text.replace(/^\uFEFF/, '').trimStart();
  return t.startsWith('{') || t.startsWith('[');
}

/** Takes the source box's text: JSON goes to the editor as it is, plan text is drafted. */
function useSource(fileName) {
  const text = el.source.value;
  if (!text.trim()) {
    showDraftSummary('原文为空：请粘贴计划原文或指标 JSON。', [], 'Nothing to draft: paste a plan or its JSON.');
    return;
  }
  if (looksLikeJson(text)) {
    state.items = new Map();
    el.draftSummary.hidden = true;
    if (fileName) {
      el.filename.value = safeFileName(fileName);
      state.filenameTouched = true;
    }
    setEditor(text);
    checkNow();
    return;
  }
  const year = Number.isInteger(el.year.valueAsNumber) ? el.year.valueAsNumber : new Date().getFullYear();
  let draft;
  try {
    draft = draftPlan(text, year);
  } catch (e) {
    showDraftSummary(`生成草稿失败：${errorText(e)}`, [], '');
    return;
  }
  state.items = new Map(draft.items.map((i) => [i.id, i]));
  const byKind = new Map();
  let standIns = 0;
  for (const i of draft.items) {
    byKind.set(i.kind, (byKind.get(i.kind) || 0) + 1);
    if (i.kind !== i.intendedKind) standIns++;
  }
  const kinds = [...byKind].map(([k, n]) => `${KIND_ZH[k] || k} ${n}`).join('、');
  let summary = `已从原文提取 ${draft.items.length} 项指标${kinds ? `（${kinds}）` : ''}。每一项都需人工核对。`;
  if (standIns) summary += `其中 ${standIns} 项原文未给基期值，暂以里程碑录入。`;
  showDraftSummary(summary, draft.warnings, `${draft.items.length} indicators drafted; check every one.`);
  state.filenameTouched = false;
  setEditor(draft.json);
  checkNow();
}

function showDraftSummary(zh, warnings, english) {
  el.draftSummary.hidden = false;
  el.draftCount.replaceChildren(document.createTextNode(zh), ...(english ? [document.createTextNode(' '), en(english)] : []));
  el.draftWarnings.replaceChildren(...warnings.map((w) => node('li', '', w)));
}

/** Spreadsheets (a filled-in sheet) are imported into the JSON; other files are source text. */
const SHEET_FILE = /\.(xlsx|xlsm|xls|ods|csv)$/i;

async function readFile(file) {
  if (!file) return;
  if (SHEET_FILE.test(file.name)) {
    await importSheet(file);
    return;
  }
  if (file.size > 20 * 1024 * 1024) {
    showDraftSummary(`文件过大（${Math.round(file.size / 1048576)} MiB），上限 20 MiB。`, [], 'File too large.');
    return;
  }
  el.source.value = await file.text();
  useSource(file.name);
}

function hasFiles(ev) {
  return ev.dataTransfer && [...ev.dataTransfer.types].includes('Files');
}

// A file dropped anywhere on the page is read here rather than opened by the browser (which would
// leave the page and lose the work).
document.addEventListener('dragover', (ev) => {
  if (!hasFiles(ev)) return;
  ev.preventDefault();
  ev.dataTransfer.dropEffect = 'copy';
  el.dropzone.classList.add('over');
});
document.addEventListener('dragleave', (ev) => {
  if (ev.target === document.documentElement || ev.target === el.dropzone || !ev.relatedTarget) el.dropzone.classList.remove('over');
});
document.addEventListener('drop', (ev) => {
  el.dropzone.classList.remove('over');
  if (!hasFiles(ev)) return;
  ev.preventDefault();
  if (!state.ready) return;
  readFile(ev.dataTransfer.files[0]).catch((e) => showDraftSummary(`无法读取文件：${errorText(e)}`, [], ''));
});
el.file.addEventListener('change', () => {
  readFile(el.file.files[0]).catch((e) => showDraftSummary(`无法读取文件：${errorText(e)}`, [], ''));
});
el.source.addEventListener('paste', () => {
  // After the browser has inserted the pasted text.
  setTimeout(() => state.ready && useSource(), 0);
});
el.source.addEventListener('drop', (ev) => {
  // Dropped text (not a file: the document's handler reads files) lands in the box; draft it then.
  if (!hasFiles(ev)) setTimeout(() => state.ready && useSource(), 0);
});
el.draftButton.addEventListener('click', () => useSource());

// ---------------------------------------------------------------------------------------------
// The editor: a textarea with line numbers; errors are marked in the gutter.

function lineHeight() {
  return parseFloat(getComputedStyle(el.editor).lineHeight) || 20;
}

function renderGutter(marks = new Map()) {
  const text = el.editor.value;
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  const key = `${lines}|${[...marks].join(',')}`;
  if (key === state.gutterKey) return;
  state.gutterKey = key;
  const frag = document.createDocumentFragment();
  let plain = '';
  for (let n = 1; n <= lines; n++) {
    const mark = marks.get(n);
    if (mark) {
      if (plain) frag.append(plain);
      plain = '';
      frag.append(node('span', mark, `${n}\n`));
    } else {
      plain += `${n}\n`;
    }
  }
  if (plain) frag.append(plain);
  el.gutter.replaceChildren(frag);
  el.gutter.scrollTop = el.editor.scrollTop;
}

function gutterMarks(result) {
  const marks = new Map();
  for (const d of result?.diagnostics || []) {
    if (!d.line) continue;
    if (d.severity === 'error' || !marks.has(d.line)) marks.set(d.line, d.severity === 'error' ? 'error' : 'warning');
  }
  return marks;
}

/** Replaces the editor's text (keeping its scroll position) and marks the work unsaved. */
function setEditor(text) {
  const { scrollTop, scrollLeft } = el.editor;
  el.editor.value = text;
  el.editor.scrollTop = scrollTop;
  el.editor.scrollLeft = scrollLeft;
  state.dirty = true;
  renderGutter(gutterMarks(state.last));
}

/** Selects line `line` (1-based) of the editor and scrolls it into view. */
function selectLine(line) {
  const text = el.editor.value;
  let start = 0;
  for (let i = 1; i < line; i++) {
    const n = text.indexOf('\n', start);
    if (n < 0) break;
    start = n + 1;
  }
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  el.editor.focus({ preventScroll: true });
  el.editor.setSelectionRange(start, end);
  el.editor.scrollTop = Math.max(0, (line - 1) * lineHeight() - el.editor.clientHeight / 3);
  el.editor.scrollLeft = 0;
  el.gutter.scrollTop = el.editor.scrollTop;
  const r = el.editor.getBoundingClientRect();
  if (r.top < 0 || r.bottom > window.innerHeight) el.editor.scrollIntoView({ block: 'center' });
  showCursor();
}

function showCursor() {
  const text = el.editor.value;
  const at = el.editor.selectionStart;
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  el.cursorPos.textContent = `第 ${line} 行，第 ${[...text.slice(lineStart, at)].length + 1} 列`;
}

el.editor.addEventListener('input', () => {
  state.dirty = true;
  renderGutter(gutterMarks(state.last));
  scheduleCheck();
});
el.editor.addEventListener('scroll', () => {
  el.gutter.scrollTop = el.editor.scrollTop;
});
for (const type of ['keyup', 'click', 'select']) el.editor.addEventListener(type, showCursor);
el.formatButton.addEventListener('click', () => {
  try {
    setEditor(formatJson(el.editor.value));
    checkNow();
  } catch (e) {
    el.checkSummary.textContent = `无法整理格式：${errorText(e)}`;
  }
});

// ---------------------------------------------------------------------------------------------
// Validation, the problem list and the preview.

function scheduleCheck() {
  clearTimeout(state.checkTimer);
  state.checkTimer = setTimeout(checkNow, CHECK_DELAY_MS);
}

function checkNow() {
  clearTimeout(state.checkTimer);
  const text = el.editor.value;
  const result = validate(text);
  state.last = result;
  renderGutter(gutterMarks(result));
  renderSummary(result);
  renderProblems(result);
  renderTable(result);
  renderDownload(result);
  renderSheet(result);
  updatePreview(text, result);
  return result;
}

function renderSummary(r) {
  const s = el.checkSummary;
  s.className = 'check-summary';
  if (!el.editor.value.trim()) {
    s.textContent = '';
    return;
  }
  const n = r.indicators.length;
  if (r.valid) {
    s.classList.add('ok');
    s.replaceChildren(
      `✓ 校验通过：${n} 项指标${r.warnings ? `，${r.warnings} 个提醒` : ''}。`,
      en(`Valid: ${n} indicators${r.warnings ? `, ${r.warnings} warnings` : ''}.`),
    );
  } else if (r.usable) {
    s.classList.add('bad');
    const rejected = r.indicators.filter((i) => i.rejected).length;
    s.replaceChildren(
      `✗ ${r.errors} 个错误${r.warnings ? `、${r.warnings} 个提醒` : ''}；${rejected} 项有错的指标不在预览中。点击下面的条目跳到出错的行。`,
      en(`${r.errors} errors; click one to go to its line.`),
    );
  } else {
    s.classList.add('bad');
    s.replaceChildren(
      `✗ ${r.errors} 个错误，数据暂不可用；预览保留上一次可用的内容。`,
      en(`${r.errors} errors; the data cannot be drawn yet.`),
    );
  }
}

function renderProblems(r) {
  const items = r.diagnostics.slice(0, MAX_PROBLEMS_SHOWN).map((d) => {
    const li = node('li', d.severity === 'error' ? 'error' : 'warning');
    const b = node('button', 'problem');
    b.type = 'button';
    if (d.line) b.dataset.line = String(d.line);
    b.append(
      node('span', 'place', d.line ? `第 ${d.line} 行` : '整个文件'),
      node('span', 'severity', d.severity === 'error' ? '错误' : '提醒'),
      node('code', 'path', d.path || '(file)'),
      node('span', 'message', d.messageZh),
      en(d.messageEn),
    );
    b.title = d.code;
    b.addEventListener('click', () => (d.line ? selectLine(d.line) : el.editor.focus()));
    li.append(b);
    return li;
  });
  if (r.diagnostics.length > MAX_PROBLEMS_SHOWN) {
    items.push(node('li', 'more', `另有 ${r.diagnostics.length - MAX_PROBLEMS_SHOWN} 条未列出（先修正上面的）。`));
  }
  el.problems.replaceChildren(...items);
}

async function updatePreview(text, r) {
  if (!state.preview) return;
  if (!r.usable) {
    el.previewNote.textContent = state.previewText === null ? '' : '（JSON 暂不可用，显示的是上一次可用的版本）';
    return;
  }
  if (text === state.previewText) return;
  state.previewText = text;
  el.previewNote.textContent = '';
  try {
    await state.preview.update(text);
  } catch (e) {
    if (state.previewText === text) el.previewNote.textContent = `预览失败：${errorText(e)}`;
  }
}

// ---------------------------------------------------------------------------------------------
// The actuals table: one row per indicator, writing back into the JSON.

function existingText(row) {
  if (!row.actuals.length) return '—';
  return row.actuals
    .map((a) => {
      const parts = [];
      if (a.state) parts.push(STATE_ZH[a.state] || a.state);
      if (a.value !== null && a.value !== undefined) parts.push(`${a.value}${row.kind === 'task' ? '%' : row.unit}`);
      return `${a.period}：${parts.join(' ') || '—'}`;
    })
    .join('；');
}

/** The period a row starts with: its latest actual's, else its first target's, else the plan's end. */
function defaultPeriod(row, r) {
  if (row.actuals.length) return row.actuals[row.actuals.length - 1].period;
  if (row.targets.length) return row.targets[0];
  return r.plan?.end || '';
}

/**
 * Shows the actual reported for the row's period in its inputs. With `keep` (the period was
 * changed), inputs the person typed stay when that period has no actual yet; inputs that only
 * showed another period's actual are cleared.
 */
function fillFromExisting(tr, row, keep = false) {
  const period = tr.querySelector('.period').value.trim();
  const a = row.actuals.find((x) => x.period === period);
  if (!a && keep && !tr.dataset.shown) return;
  const value = tr.querySelector('.value');
  const st = tr.querySelector('.state');
  if (value) value.value = a && a.value !== null && a.value !== undefined ? String(a.value) : '';
  if (st) st.value = a?.state || '';
  tr.querySelector('.note').value = a?.note || '';
  if (a) tr.dataset.shown = period;
  else delete tr.dataset.shown;
}

function buildRow(row, r) {
  const tr = node('tr');
  tr.dataset.index = String(row.index);
  tr.dataset.id = row.id;
  const head = node('th');
  head.scope = 'row';
  head.append(node('span', 'name', row.name || '（无名称）'));
  const meta = node('span', 'meta', `${row.id} · ${KIND_ZH[row.kind] || row.kind || '?'}${row.unit ? ` · ${row.unit}` : ''}`);
  head.append(meta);
  const item = state.items.get(row.id);
  if (item) {
    const d = node('span', 'draft-info', `草稿 · 置信度 ${Math.round(item.confidence * 100)}%${item.kind !== item.intendedKind ? ` · 原文为${KIND_ZH[item.intendedKind] || item.intendedKind}目标` : ''}`);
    d.title = item.reasons.join('；');
    head.append(d);
  }
  head.append(node('span', 'flag', '有错误，未显示'));
  tr.append(head);

  const label = (what) => `${row.name || row.id} ${what}`;
  tr.append(node('td', 'existing'));

  const periodCell = node('td', 'period-cell');
  const period = node('input', 'period');
  period.type = 'text';
  period.setAttribute('list', 'periods');
  period.autocomplete = 'off';
  period.spellcheck = false;
  period.placeholder = '2024-H1';
  period.setAttribute('aria-label', label('期间 period'));
  period.value = defaultPeriod(row, r);
  periodCell.append(period);
  tr.append(periodCell);

  const valueCell = node('td', 'value-cell');
  const hasState = row.kind === 'task' || row.kind === 'milestone';
  if (hasState) {
    const st = node('select', 'state');
    st.setAttribute('aria-label', label('状态 state'));
    for (const [v, t] of STATES) {
      const o = node('option', '', t);
      o.value = v;
      st.append(o);
    }
    valueCell.append(st);
  }
  if (row.kind !== 'milestone') {
    const value = node('input', 'value');
    value.type = 'number';
    value.step = 'any';
    value.inputMode = 'decimal';
    if (row.kind === 'task') {
      value.min = '0';
      value.max = '100';
      value.placeholder = '完成 %';
    } else {
      value.placeholder = row.kind === 'zero' ? '事件数' : row.unit || '数值';
    }
    value.setAttribute('aria-label', label(row.kind === 'task' ? '完成百分比 percent done' : `数值 value${row.unit ? `（${row.unit}）` : ''}`));
    valueCell.append(value);
  }
  tr.append(valueCell);

  const noteCell = node('td', 'note-cell');
  const note = node('input', 'note');
  note.type = 'text';
  note.setAttribute('aria-label', label('备注 note'));
  noteCell.append(note);
  tr.append(noteCell);

  const actions = node('td', 'actions');
  const apply = node('button', 'apply', '写入');
  apply.type = 'button';
  apply.setAttribute('aria-label', label('写入 apply'));
  actions.append(apply, node('span', 'row-msg'));
  tr.append(actions);

  fillFromExisting(tr, row);
  period.addEventListener('change', () => fillFromExisting(tr, currentRow(tr) || row, true));
  apply.addEventListener('click', () => applyRow(tr));
  for (const input of tr.querySelectorAll('.value, .state, .note')) {
    input.addEventListener('input', () => delete tr.dataset.shown);
  }
  for (const input of tr.querySelectorAll('input')) {
    input.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' && input !== period) {
        ev.preventDefault();
        applyRow(tr);
      }
    });
  }
  return tr;
}

function currentRow(tr) {
  const index = Number(tr.dataset.index);
  return state.last?.indicators.find((i) => i.index === index);
}

function updateRow(tr, row) {
  tr.classList.toggle('rejected', row.rejected);
  tr.querySelector('.existing').textContent = existingText(row);
}

function renderTable(r) {
  if (r.json) {
    const sig = r.indicators.map((i) => `${i.index}:${i.id}:${i.kind}:${i.unit}:${i.name}`).join('|');
    if (sig !== state.rowSig) {
      state.rowSig = sig;
      el.tbody.replaceChildren(...r.indicators.map((row) => buildRow(row, r)));
      el.periods.replaceChildren(
        ...r.periods.map((p) => {
          const o = node('option');
          o.value = p;
          return o;
        }),
      );
      applyFilter();
    }
    const rows = new Map(r.indicators.map((i) => [String(i.index), i]));
    for (const tr of el.tbody.rows) {
      const row = rows.get(tr.dataset.index);
      if (row) updateRow(tr, row);
    }
    if (document.activeElement !== el.asOf) el.asOf.value = r.plan?.asOf || '';
  }
  const disabled = !r.json;
  for (const c of el.tbody.querySelectorAll('input, select, button')) c.disabled = disabled;
  el.asOf.disabled = disabled || !r.plan;
  el.rowFilter.disabled = !r.indicators.length;
  el.tableNote.textContent = !el.editor.value.trim()
    ? ''
    : disabled
      ? 'JSON 有语法错误：修正后才能写入实际值。'
      : r.indicators.length
        ? `${r.indicators.length} 项指标。`
        : '还没有指标。';
}

function applyRow(tr) {
  const msg = tr.querySelector('.row-msg');
  const period = tr.querySelector('.period').value.trim();
  const valueInput = tr.querySelector('.value');
  const st = tr.querySelector('.state');
  const note = tr.querySelector('.note').value.trim();
  msg.className = 'row-msg';
  if (!period) {
    msg.textContent = '请填写期间';
    msg.classList.add('bad');
    return;
  }
  let value;
  if (valueInput && valueInput.value.trim() !== '') {
    value = valueInput.valueAsNumber;
    if (!Number.isFinite(value)) {
      msg.textContent = '数值无效';
      msg.classList.add('bad');
      return;
    }
  }
  const stateValue = st && st.value ? st.value : undefined;
  let text;
  try {
    text = setActual(el.editor.value, Number(tr.dataset.index), period, value, stateValue, note || undefined);
  } catch (e) {
    msg.textContent = errorText(e);
    msg.classList.add('bad');
    return;
  }
  setEditor(text);
  checkNow();
  const removed = value === undefined && stateValue === undefined;
  if (removed) delete tr.dataset.shown;
  else tr.dataset.shown = currentRow(tr)?.actuals.find((a) => a.period === period) ? period : '';
  msg.textContent = removed ? `已删除 ${period}` : `已写入 ${period}`;
  msg.classList.add('ok');
  el.tableStatus.textContent = `${tr.dataset.id}：${msg.textContent}`;
}

function applyFilter() {
  const q = el.rowFilter.value.trim().toLowerCase();
  for (const tr of el.tbody.rows) {
    tr.hidden = q !== '' && !`${tr.dataset.id} ${tr.querySelector('.name').textContent}`.toLowerCase().includes(q);
  }
}
el.rowFilter.addEventListener('input', applyFilter);

el.asOf.addEventListener('change', () => {
  try {
    setEditor(setAsOf(el.editor.value, el.asOf.value || null));
    checkNow();
  } catch (e) {
    el.tableNote.textContent = errorText(e);
  }
});

// ---------------------------------------------------------------------------------------------
// Fill-in spreadsheets: 下载填报表 and importing a filled-in .xlsx/.csv (src/sheet/ in the
// authoring bundle, the same rules as `plan-widget actuals import`).

function renderSheet(r) {
  const usable = Boolean(r && r.usable);
  el.sheetButton.disabled = !usable;
  el.sheetFile.disabled = !usable;
}

/** Today in the browser's time zone, `YYYY-MM-DD` (used when the plan has no asOf). */
function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function sheetMessage(kind, zh, english) {
  const p = node('p', `sheet-summary ${kind}`, zh);
  if (english) p.append(' ', en(english));
  return p;
}

el.sheetButton.addEventListener('click', () => {
  let bytes;
  try {
    bytes = actualsSheet(el.editor.value, today());
  } catch (e) {
    el.sheetReport.replaceChildren(sheetMessage('bad', errorText(e)));
    return;
  }
  const id = state.last?.plan?.id || 'plan';
  const name = `${id}-填报表.xlsx`.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-');
  offerDownload(bytes, name, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  el.sheetReport.replaceChildren(sheetMessage('ok', `已下载 ${name}：填好“数值”“状态”“备注”列后导入。`, 'Downloaded; fill it in and import it.'));
});

el.sheetFile.addEventListener('change', () => {
  const file = el.sheetFile.files[0];
  el.sheetFile.value = '';
  importSheet(file).catch((e) => el.sheetReport.replaceChildren(sheetMessage('bad', `无法读取文件：${errorText(e)}`)));
});

/** One problem, shown against its cell: `填报表!H7` first, then the message in both languages. */
function sheetProblem(d) {
  const li = node('li', d.severity === 'error' ? 'error' : 'warning');
  li.append(node('span', 'cell', d.path || '（文件）'), ' ');
  const msg = node('span', 'msg', d.messageZh);
  msg.append(' ', en(d.messageEn));
  li.append(msg);
  return li;
}

function changeItem(c, replaced) {
  const li = node('li', replaced ? 'replaced' : 'added');
  li.append(node('span', 'cell', c.cell), ' ');
  li.append(replaced ? `替换 ${c.id} ${c.period}：${c.old} → ${c.new}` : `新增 ${c.id} ${c.period}：${c.new}`);
  return li;
}

async function importSheet(file) {
  if (!file) return;
  if (!state.last?.usable) {
    el.sheetReport.replaceChildren(sheetMessage('bad', '请先载入或生成指标 JSON，再导入填报表。', 'Load the plan JSON first.'));
    el.sheetBox.scrollIntoView({ block: 'nearest' });
    return;
  }
  if (file.size > 20 * 1024 * 1024) {
    el.sheetReport.replaceChildren(sheetMessage('bad', `文件过大（${Math.round(file.size / 1048576)} MiB），上限 20 MiB。`, 'File too large.'));
    return;
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const r = importActuals(el.editor.value, bytes, file.name);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  const parts = [];
  if (errors.length) {
    parts.push(sheetMessage('bad', `${file.name}：${errors.length} 处错误，未写入任何内容。请在表格中改正下列单元格后重新导入。`,
      `${errors.length} errors; nothing was written. Fix these cells and import again.`));
    const list = node('ol', 'sheet-problems');
    list.setAttribute('aria-label', '填报表错误 Sheet errors');
    list.append(...r.diagnostics.slice(0, MAX_PROBLEMS_SHOWN).map(sheetProblem));
    parts.push(list);
  } else {
    setEditor(r.json);
    checkNow();
    const enc = r.encoding ? `（按 ${r.encoding} 读取）` : '';
    parts.push(sheetMessage('ok', `${file.name}${enc}：新增 ${r.added.length} 条，替换 ${r.replaced.length} 条，未变 ${r.unchanged} 条，已写入上面的 JSON。`,
      `${r.added.length} added, ${r.replaced.length} replaced, ${r.unchanged} unchanged; written into the JSON above.`));
    if (r.added.length || r.replaced.length) {
      const list = node('ul', 'sheet-changes');
      list.append(...r.replaced.map((c) => changeItem(c, true)), ...r.added.map((c) => changeItem(c, false)));
      parts.push(list);
    }
    const warnings = r.diagnostics.filter((d) => d.severity !== 'error');
    if (warnings.length) {
      const list = node('ol', 'sheet-problems');
      list.append(...warnings.map(sheetProblem));
      parts.push(list);
    }
  }
  el.sheetReport.replaceChildren(...parts);
  el.sheetBox.scrollIntoView({ block: 'nearest' });
}

// ---------------------------------------------------------------------------------------------
// Download.

function safeFileName(name) {
  let n = String(name || '').trim().replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-');
  if (!n) n = 'plan';
  if (!/\.json$/i.test(n)) n = `${n.replace(/\.[^.]*$/, '')}.json`;
  return n.slice(0, 120);
}

function renderDownload(r) {
  const empty = !el.editor.value.trim();
  el.downloadButton.disabled = empty;
  el.filename.disabled = empty;
  if (!state.filenameTouched && r.plan?.id) el.filename.value = safeFileName(r.plan.id);
}

el.filename.addEventListener('input', () => (state.filenameTouched = true));
el.downloadButton.addEventListener('click', () => {
  const r = checkNow();
  let text = el.editor.value;
  if (!text.endsWith('\n')) text += '\n';
  const name = safeFileName(el.filename.value);
  el.filename.value = name;
  offerDownload(text, name, 'application/json');
  state.dirty = false;
  el.downloadNote.className = r.valid ? 'ok' : 'bad';
  el.downloadNote.textContent = r.valid
    ? `已下载 ${name}。可用 plan-widget check ${name} 再次检查。`
    : `已下载 ${name}，但仍有 ${r.errors} 个错误：发布前请修正（plan-widget check 会逐条列出）。`;
});

window.addEventListener('beforeunload', (ev) => {
  if (state.dirty && el.editor.value.trim()) {
    ev.preventDefault();
    ev.returnValue = '';
  }
});

// ---------------------------------------------------------------------------------------------
// Start: both WebAssembly modules load now, so the page works offline from here on.

async function start() {
  if (!el.year.value) el.year.value = String(new Date().getFullYear());
  try {
    await Promise.all([initAuthoring(), widgetReady()]);
  } catch (e) {
    el.loadStatus.className = 'load-status bad';
    el.loadStatus.textContent = `无法加载 WebAssembly，编辑器不可用：${errorText(e)}`;
    return;
  }
  state.preview = mount(el.preview, { theme: 'light', lang: 'zh-CN' });
  state.ready = true;
  for (const c of [el.draftButton, el.formatButton, el.editor]) c.disabled = false;
  el.loadStatus.className = 'load-status ok';
  el.loadStatus.replaceChildren('已就绪：此后无需联网，数据不会离开本机。', en('Ready; works offline from now on.'));
  document.documentElement.dataset.ready = 'true';
  renderGutter();
  // A reload may have kept the text boxes' contents.
  if (el.editor.value.trim()) checkNow();
}

start();
