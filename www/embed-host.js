// plan-widget auto-height for <iframe data-plan-widget src=".../embed.html?..."> (about 1 KB).
// The iframe page posts its height as a bare number; a message is used only when it comes from
// that iframe's window and from the origin of the iframe's src, and is a finite number.
(function () {
  'use strict';
  var MAX = 20000;
  window.addEventListener('message', function (ev) {
    var h = ev.data;
    if (typeof h !== 'number' || !isFinite(h) || h < 0) return;
    var frames = document.querySelectorAll('iframe[data-plan-widget]');
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i];
      if (f.contentWindow !== ev.source) continue;
      var origin;
      try {
        origin = new URL(f.src, location.href).origin;
      } catch (e) {
        return;
      }
      if (origin !== ev.origin) return;
      f.style.height = Math.min(Math.ceil(h), MAX) + 'px';
      return;
    }
  });
})();
