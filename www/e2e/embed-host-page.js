// The test host page (embed-host.html?origin=…&src=…): one auto-height iframe (data-plan-widget,
// sized by ../embed-host.js) and one at a fixed height, both showing the widget's embed.html
// from another origin. Records every message the page receives in window.__messages.
const q = new URLSearchParams(location.search);
const origin = q.get('origin');
const query = q.get('query') || 'src=data/003-jinfeng-2024.json';
window.__messages = [];
window.addEventListener('message', (ev) => window.__messages.push({ origin: ev.origin, type: typeof ev.data, data: ev.data }));
function frame(id, auto) {
  const f = document.createElement('iframe');
  f.title = '规划目标进度';
  f.src = `${origin}/embed.html?${query}`;
  f.width = '100%';
  f.height = '300';
  f.className = 'frame';
  if (auto) f.dataset.planWidget = '';
  document.getElementById(id).append(f);
}
frame('auto', true);
frame('fixed', false);
