// The gallery page: sets the widget's attributes from the query string (src, view, indicator,
// theme, lang), as a portal would, for scripts/gallery.mjs.
const params = new URLSearchParams(window.location.search);
const widget = document.getElementById('widget');
for (const name of ['view', 'indicator', 'theme', 'lang']) {
  const value = params.get(name);
  if (value) widget.setAttribute(name, value);
}
if (params.get('theme') === 'dark') document.body.classList.add('dark');
widget.setAttribute('src', `../data/${params.get('plan') || '001-yancheng-kfq.json'}`);
widget.addEventListener('plan-widget-render', () => {
  window.__renders = (window.__renders || 0) + 1;
});
