// Page behaviour for the scenarios. Also logs every click (capture phase, page clock) in window.__clicks.
(function () {
  window.__clicks = [];
  document.addEventListener('click', function (e) {
    var t = e.target;
    window.__clicks.push({ t: Date.now(), id: (t && t.id) || null, tag: t && t.tagName, x: e.clientX, y: e.clientY });
  }, true);
  var $ = function (id) { return document.getElementById(id); };
  var log = $('log');
  var n = 0;
  $('dead-btn').addEventListener('click', function () { /* nothing */ });
  $('dead-link').addEventListener('click', function (e) { e.preventDefault(); });
  $('rage-dead').addEventListener('click', function () { /* nothing */ });
  $('add-btn').addEventListener('click', function () {
    var d = document.createElement('div'); d.textContent = 'added node ' + (++n); log.appendChild(d);
  });
  $('late-btn').addEventListener('click', function () {
    setTimeout(function () { var d = document.createElement('div'); d.textContent = 'late node ' + (++n); log.appendChild(d); }, 500);
  });
  $('scroll-btn').addEventListener('click', function () { window.scrollBy(0, 400); });
  $('nav-btn').addEventListener('click', function () { location.hash = 'view-' + (++n); });
  $('rage-live').addEventListener('click', function () { var c = $('rage-count'); c.textContent = String(Number(c.textContent) + 1); });
  $('slow-btn').addEventListener('click', function () {
    setTimeout(function () { $('slow-out').textContent = 'done at ' + new Date().toISOString(); }, 4000);
  });
})();
