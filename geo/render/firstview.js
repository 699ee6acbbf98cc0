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

  function first() { return document.getElementById(ID); }

  function ours(url) {  // a view of this site, not a file or Streamlit's own address
    return url.origin === window.location.origin && !/\/(_rsp|_stcore|media|static|component|app)\//.test(url.pathname);
  }

  function show(url, push) {
    var n = ++asked;
    var shown = first();
    if (!shown) { window.location.assign(url.href); return; }
    shown.setAttribute("aria-busy", "true");
    window.fetch(url.href, {credentials: "same-origin", headers: {"Accept": "text/html"}})
      .then(function (answer) {
        if (!answer.ok && answer.status !== 404) { throw new Error(String(answer.status)); }
        return answer.text();
      })
      .then(function (html) {
        if (n !== asked) { return; }
        var doc = new window.DOMParser().parseFromString(html, "text/html");
        var next = doc.getElementById(ID);
        var current = first();
        if (!next || !current) { window.location.assign(url.href); return; }
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
      .catch(function () { if (n === asked) { window.location.assign(url.href); } });
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    var view = first();
    if (!link || !view || !view.contains(link) || link.hasAttribute("download")) { return; }
    if (link.target && link.target !== "_self") { return; }
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
