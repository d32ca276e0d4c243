// The demo portal's controls: they only set attributes on <plan-widget>, as a portal would.
const widget = document.getElementById('widget');
const planSelect = document.getElementById('plan-select');
const indicatorSelect = document.getElementById('indicator-select');
const langSelect = document.getElementById('lang-select');
const themeSelect = document.getElementById('theme-select');
const statusLine = document.getElementById('status-line');
const controls = document.getElementById('controls');

function currentView() {
  return controls.querySelector('input[name="view"]:checked').value;
}

async function fillIndicators(url) {
  try {
    const plan = await (await fetch(url)).json();
    indicatorSelect.replaceChildren(
      ...plan.indicators.map((i) => {
        const o = document.createElement('option');
        o.value = i.id;
        o.textContent = i.name;
        return o;
      }),
    );
  } catch {
    indicatorSelect.replaceChildren();
  }
}

function applyView() {
  const view = currentView();
  indicatorSelect.disabled = view !== 'indicator';
  if (view === 'indicator' && indicatorSelect.value) widget.setAttribute('indicator', indicatorSelect.value);
  widget.setAttribute('view', view);
}

planSelect.addEventListener('change', async () => {
  await fillIndicators(planSelect.value);
  if (currentView() === 'indicator' && indicatorSelect.value) widget.setAttribute('indicator', indicatorSelect.value);
  widget.setAttribute('src', planSelect.value);
});
controls.addEventListener('change', (ev) => {
  if (ev.target.name === 'view' || ev.target === indicatorSelect) applyView();
});
langSelect.addEventListener('change', () => widget.setAttribute('lang', langSelect.value));
themeSelect.addEventListener('change', () => {
  widget.setAttribute('theme', themeSelect.value);
  document.getElementById('widget-frame').classList.toggle('dark', themeSelect.value !== 'light');
});
widget.addEventListener('plan-widget-ready', (ev) => {
  statusLine.textContent = `已加载：${ev.detail.title}（${ev.detail.indicators} 项指标）`;
});
widget.addEventListener('plan-widget-error', (ev) => {
  statusLine.textContent = `出错：${ev.detail.message}`;
});
widget.addEventListener('plan-widget-select', (ev) => {
  indicatorSelect.disabled = false;
  indicatorSelect.value = ev.detail.id;
  controls.querySelector('input[value="indicator"]').checked = true;
  applyView();
});
fillIndicators(planSelect.value);
// The widget's own drill-downs (Enter, a click, Escape) move the view: keep the controls in step.
widget.addEventListener('plan-widget-view', (ev) => {
  const { view, indicator } = ev.detail;
  const radio = controls.querySelector(`input[name="view"][value="${view}"]`);
  if (radio) radio.checked = true;
  indicatorSelect.disabled = view !== 'indicator';
  if (indicator) indicatorSelect.value = indicator;
  // Same values as the widget's own: the element ignores these, they only keep attributes true.
  if (indicator) widget.setAttribute('indicator', indicator);
  widget.setAttribute('view', view);
});

// The iframe snippets (fixed height, auto height) for the current plan, view, language and theme.
const fixedCode = document.getElementById('iframe-fixed');
const autoCode = document.getElementById('iframe-auto');
const embedOpen = document.getElementById('embed-open');
const copyStatus = document.getElementById('copy-status');
let frameHeight = 600;

/** The tallest fixed-height frame the snippet suggests; a taller widget scrolls inside it. */
const MAX_FIXED = 900;

function embedUrl() {
  const q = [['src', planSelect.value], ['view', currentView()]];
  if (currentView() === 'indicator' && indicatorSelect.value) q.push(['indicator', indicatorSelect.value]);
  q.push(['lang', langSelect.value], ['theme', themeSelect.value]);
  // Percent-encoded, but slashes kept readable (they are allowed in a query).
  const query = q.map(([k, v]) => `${k}=${encodeURIComponent(v).replaceAll('%2F', '/')}`).join('&');
  return new URL(`embed.html?${query}`, location.href).href;
}

/** The text of an HTML attribute value (the snippet is shown as text, so only quotes matter). */
const attr = (v) => v.replaceAll('&', '&amp;').replaceAll('"', '&quot;');

function updateSnippets() {
  const url = embedUrl();
  const title = planSelect.selectedOptions[0] ? planSelect.selectedOptions[0].textContent : '规划目标进度';
  const frame = (extra) => `<iframe title="${attr(title)}" src="${attr(url)}"${extra} style="width:100%;border:0" height="${frameHeight}" loading="lazy"></iframe>`;
  fixedCode.textContent = frame('');
  autoCode.textContent = `${frame(' data-plan-widget')}\n<script src="${attr(new URL('embed-host.js', location.href).href)}" defer></script>`;
  embedOpen.href = url;
}

widget.addEventListener('plan-widget-render', (ev) => {
  // The widget's height here (with its button row), up to MAX_FIXED.
  const h = Math.min(MAX_FIXED, Math.ceil((ev.detail.height + 60) / 10) * 10);
  if (h !== frameHeight) {
    frameHeight = h;
    updateSnippets();
  }
});
for (const node of [planSelect, indicatorSelect, langSelect, themeSelect]) node.addEventListener('change', updateSnippets);
controls.addEventListener('change', updateSnippets);
widget.addEventListener('plan-widget-view', updateSnippets);
for (const button of document.querySelectorAll('button.copy')) {
  button.addEventListener('click', async () => {
    const text = document.getElementById(button.dataset.copy).textContent;
    try {
      await navigator.clipboard.writeText(text);
      copyStatus.textContent = '已复制到剪贴板 / Copied';
    } catch {
      copyStatus.textContent = '无法自动复制，请选中代码后复制 / Select the code and copy it';
    }
  });
}
updateSnippets();
