// Hovers each interactive region of a mounted widget once, as a mouse would, and returns the
// text of every tooltip shown. Exposed as window.__hoverEveryHit by the mount and hostile test
// pages (tests/e2e/real-plans.test.mjs, hostile.test.mjs).
export async function hoverEveryHit(w, root) {
  const tips = [];
  const canvas = root.querySelector('.pw-canvas');
  const r = canvas.getBoundingClientRect();
  for (const h of (w.hits && w.hits()) || []) {
    canvas.dispatchEvent(new PointerEvent('pointermove', { clientX: r.left + h.x + h.w / 2, clientY: r.top + h.y + h.h / 2, bubbles: true, pointerType: 'mouse' }));
    await new Promise((ok) => setTimeout(ok, 20));
    const tip = root.querySelector('.pw-tip');
    if (tip && !tip.hidden) tips.push(tip.textContent);
  }
  return tips;
}
