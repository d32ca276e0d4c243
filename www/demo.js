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
