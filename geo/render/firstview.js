// The first view's own navigation, until the live app takes over (geo/render/firstview.py puts this script
// after the first view, #rsp-first). Without it every link and form of the first view loads a new page, and
// Streamlit's boot, already under way, starts again from nothing. With it, a click on a link of the first
// view (a county, the period switch, the language, a page) or a GET form sent from it (the search, the
// county select) fetches that view from the server, puts its first view in place of this one and adds the
// address to the history (pushState): the boot goes on, and the live app opens the address the person
// reached (Streamlit reads it when it starts its session; a session already started is told by a popstate
// event, which Streamlit answers with a rerun for the address). Back and forward show the view of their
// address the same way. Anything else (a download, another site, a new tab, a failed fetch) is left to
// the browser. The script reads no data and writes none: it has one text for every page (its CSP hash is
// deploy/cluster.py's page_script_hashes).
(function () {
  "use strict";
  var ID = "rsp-first";
  var asked = 0;  // the latest request: an older answer arriving after it is dropped
  // On a slow link Streamlit's boot fills the line with its scripts, and a fetch waits behind them (over
  // HTTP/1.1 behind its six connections too): bench/answer.py, rural profile, a search answered in 7.6 s by
  // fetch against 0.55 s by a page load, which cancels the boot's downloads; the live map came no sooner
  // either way (the boot's bytes are what it waits for). So where the browser estimates a round trip of
  // SLOW_RTT_MS or more (or the person asked to save data), a view is loaded as a page; elsewhere it is
  // fetched, and loaded as a page if it has not come within PATIENCE_MS.
  var SLOW_RTT_MS = 125;
  var PATIENCE_MS = 1000;

  function slowLink() {
    var c = window.navigator.connection;
    return !!c && (c.saveData === true || c.rtt >= SLOW_RTT_MS || /(^|-)(2g|3g)$/.test(c.effectiveType || ""));
  }

  function first() { return document.getElementById(ID); }

  function ours(url) {  // a view of this site, not a file or Streamlit's own address
    return url.origin === window.location.origin && !/\/(_rsp|_stcore|media|static|component|app)\//.test(url.pathname);
  }

  function show(url, push) {
    // as a page load: a new history entry for a click, the same entry for Back and forward
    var load = function () { if (push) { window.location.assign(url.href); } else { window.location.replace(url.href); } };
    var n = ++asked;
    var shown = first();
    if (!shown || slowLink()) { load(); return; }
    shown.setAttribute("aria-busy", "true");
    var stop = window.AbortController ? new window.AbortController() : null;
    var late = window.setTimeout(function () {
      if (n === asked) { asked += 1; if (stop) { stop.abort(); } load(); }
    }, PATIENCE_MS);
    var options = {credentials: "same-origin", headers: {"Accept": "text/html"}, priority: "high"};
    if (stop) { options.signal = stop.signal; }
    window.fetch(url.href, options)
      .then(function (answer) {
        if (!answer.ok && answer.status !== 404) { throw new Error(String(answer.status)); }
        return answer.text();
      })
      .then(function (html) {
        window.clearTimeout(late);
        if (n !== asked) { return; }
        var doc = new window.DOMParser().parseFromString(html, "text/html");
        var next = doc.getElementById(ID);
        var current = first();
        if (!next || !current) { load(); return; }
        if (push) { window.history.pushState({rspFirst: true}, "", url.href); }
        current.replaceWith(document.importNode(next, true));
        document.title = doc.title;
        document.documentElement.lang = doc.documentElement.lang;
        window.scrollTo(0, 0);
        var heading = first().querySelector("h1");
        if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus({preventScroll: true}); }
        // a live session already started reruns for the new address (Streamlit's own popstate listener)
        window.dispatchEvent(new window.PopStateEvent("popstate", {state: window.history.state}));
      })
      .catch(function () { window.clearTimeout(late); if (n === asked) { load(); } });
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    var view = first();
    if (!link || !view || !view.contains(link) || link.hasAttribute("download")) { return; }
    var target = link.getAttribute("target");  // an attribute: an SVG link's .target is not a string
    if (target && target !== "_self") { return; }
    var url = new URL(link.getAttribute("href"), window.location.href);
    if (!ours(url)) { return; }
    if (url.hash && url.pathname === window.location.pathname && url.search === window.location.search) { return; }
    event.preventDefault();
    show(url, true);
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var view = first();
    if (event.defaultPrevented || !view || !view.contains(form) || (form.getAttribute("method") || "get").toLowerCase() !== "get") {
      return;
    }
    var url = new URL(form.getAttribute("action") || "", window.location.href);
    if (!ours(url)) { return; }
    url.search = new URLSearchParams(new FormData(form)).toString();
    url.hash = "";
    event.preventDefault();
    show(url, true);
  });

  window.addEventListener("popstate", function (event) {
    if (event.isTrusted && first()) { show(new URL(window.location.href), false); }
  });
})();
