// React 19 renders <plan-widget> as a custom element: string props become attributes, and an
// `on` + event-name prop (`onplan-widget-ready`) becomes an event listener. No JSX, so no plugin.
import { createElement as h, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'plan-widget';

function App() {
  const [ready, setReady] = useState(null);
  const [view, setView] = useState('dashboard');
  const [views, setViews] = useState([]);
  return h(
    'main',
    null,
    h('h1', null, 'React'),
    h('p', { id: 'status' }, ready ? `ready: ${ready.title} (${ready.indicators})` : '…'),
    h('button', { id: 'sections', type: 'button', onClick: () => setView('sections') }, 'sections'),
    h('p', { id: 'views' }, views.join(' ')),
    h('plan-widget', {
      id: 'w',
      src: './003-jinfeng-2024.json',
      view,
      'onplan-widget-ready': (ev) => setReady(ev.detail),
      'onplan-widget-view': (ev) => setViews((v) => [...v, ev.detail.view]),
    }),
  );
}

createRoot(document.getElementById('root')).render(h(App));
