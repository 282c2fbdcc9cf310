// Tally's tracking snippet, served by the ingest service at /t.js (minified by build.mjs).
//   <script defer data-site="my-site" src="https://ingest.example.com/t.js"></script>
// Options, as attributes of the script tag:
//   data-site              the site_id (required)
//   data-api               where events go (default: /api/v1/events on the script's own host)
//   data-respect-dnt       send nothing when the browser asks not to be tracked
//   data-hash              count #/routes as pages (single-page apps with hash routing)
//   data-include-localhost also count pages on localhost (for trying it out)
// It sends a page view on load and on every single-page-app navigation, custom events through
// window.tally('name', {props: {...}, revenue: {amount, currency}}) and clicks on elements with
// data-tally-event="name" (their data-tally-prop-* attributes become props), and clicks on links
// to other hosts as "outbound_link". No cookies, no storage; text/plain bodies need no preflight.
(function () {
  var script = document.currentScript;
  var site = script.getAttribute('data-site');
  var api = script.getAttribute('data-api') || new URL(script.src).origin + '/api/v1/events';
  var hashRoutes = script.hasAttribute('data-hash');
  var queued = (window.tally && window.tally.q) || [];
  var lastPage;

  function ignored() {
    return (/^(localhost|127\.|\[::1\])/.test(location.hostname) && !script.hasAttribute('data-include-localhost'))
      || location.protocol === 'file:'
      || navigator.webdriver || window._phantom || window.__nightmare || window.Cypress
      || (script.hasAttribute('data-respect-dnt') && (navigator.doNotTrack == '1' || window.doNotTrack == '1'));
  }

  function send(name, options) {
    if (ignored()) return;
    options = options || {};
    // Cut to Tally's limits: a field over its limit would refuse the whole event.
    var url = location.origin + location.pathname + location.search;
    var body = JSON.stringify({
      site_id: site,
      event_type: name,
      url: url.length > 2048 ? location.origin + location.pathname : url,
      path: (location.pathname + (hashRoutes ? location.hash : '')).slice(0, 2048),
      referrer: (document.referrer || '').slice(0, 2048) || null,
      title: document.title.slice(0, 512),
      screen_width: window.innerWidth > 0 ? window.innerWidth : undefined,
      language: navigator.language,
      props: options.props,
      revenue: options.revenue
    });
    if (!(navigator.sendBeacon && navigator.sendBeacon(api, new Blob([body], { type: 'text/plain' })))) {
      fetch(api, { method: 'POST', body: body, keepalive: true, headers: { 'Content-Type': 'text/plain' } });
    }
  }

  function page() {
    var current = location.pathname + (hashRoutes ? location.hash : '');
    if (current !== lastPage) {
      lastPage = current;
      send('page_view');
    }
  }

  var push = history.pushState;
  history.pushState = function () {
    push.apply(this, arguments);
    page();
  };
  addEventListener('popstate', page);
  if (hashRoutes) addEventListener('hashchange', page);

  document.addEventListener('click', function (event) {
    var element = event.target.closest && event.target.closest('[data-tally-event],a[href]');
    if (!element) return;
    var name = element.getAttribute('data-tally-event');
    if (name) {
      var props = {};
      for (var i = 0; i < element.attributes.length; i++) {
        var attribute = element.attributes[i];
        if (attribute.name.indexOf('data-tally-prop-') === 0) props[attribute.name.slice(16)] = attribute.value;
      }
      send(name, { props: props });
    } else if (element.host && element.host !== location.host) {
      send('outbound_link', { props: { url: element.href.slice(0, 256) } });
    }
  }, true);

  window.tally = function (name, options) {
    send(name, options);
  };
  for (var i = 0; i < queued.length; i++) send(queued[i][0], queued[i][1]);
  page();
})();
