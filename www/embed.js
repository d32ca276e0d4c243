// The iframe page: embed.html?src=…&view=…&indicator=…&lang=…&theme=… (also as-of, large-text,
// filter-status, filter-section, filter-unit). Builds one <plan-widget> from the query (values
// reach it as attributes, never as HTML) and, inside a frame, sends the parent page its height
// in CSS px — a bare number, nothing else — whenever it changes (embed-host.js receives it).
const PASSED = ['view', 'indicator', 'lang', 'theme', 'as-of', 'large-text', 'font-scale', 'filter-status', 'filter-section', 'filter-unit'];
const params = new URLSearchParams(location.search);
const main = document.getElementById('embed');
const body = document.getElementById('embed-body');
const lang = params.get('lang') === 'en' ? 'en' : 'zh-CN';
document.documentElement.lang = lang;
const heading = document.getElementById('embed-title');
if (lang === 'en') heading.textContent = 'Plan progress';

/** The data URL from `src`: on this page's own site only (another site's data is not shown here). */
function dataUrl() {
  const src = params.get('src');
  if (!src) return null;
  try {
    const url = new URL(src, location.href);
    return url.origin === location.origin ? url.href : null;
  } catch {
    return null;
  }
}

function note(zh, en) {
  const p = document.createElement('p');
  p.className = 'embed-note';
  p.setAttribute('role', 'alert');
  p.textContent = lang === 'en' ? en : zh;
  body.replaceChildren(p);
}

const src = dataUrl();
if (!src) {
  note(
    params.get('src') ? '数据地址必须与本页同一网站（src 参数）。' : '未指定数据：请在地址中加上 ?src=数据文件.json',
    params.get('src') ? 'The data must be on this page’s own site (the src parameter).' : 'No data: add ?src=plan.json to the address.',
  );
} else {
  const widget = document.createElement('plan-widget');
  for (const name of PASSED) {
    const v = params.get(name);
    if (v !== null) widget.setAttribute(name, v);
  }
  widget.setAttribute('src', src);
  const theme = params.get('theme') || 'auto';
  document.documentElement.classList.add(`embed-${['light', 'dark', 'contrast'].includes(theme) ? theme : 'auto'}`);
  widget.addEventListener('plan-widget-ready', (ev) => {
    document.title = `${ev.detail.title} · ${lang === 'en' ? 'plan progress' : '规划目标进度'}`;
    heading.textContent = lang === 'en' ? `Plan progress: ${ev.detail.title}` : `规划目标进度：${ev.detail.title}`;
  });
  body.replaceChildren(widget);
}

// Inside a frame: the height, as a number, to the parent (which checks where it came from).
if (window.parent !== window) {
  let sent = -1;
  const send = () => {
    const h = Math.ceil(main.getBoundingClientRect().height);
    if (h === sent) return;
    sent = h;
    window.parent.postMessage(h, '*');
  };
  new ResizeObserver(send).observe(main);
}
