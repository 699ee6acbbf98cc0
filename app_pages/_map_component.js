// The bridge between geo/countymap.js and streamlit-folium's front end, put in front of the map's script
// by app_pages/_map_component.py. This file and that module are the only places that know the
// component's front-end internals:
//   window.__GLOBAL_DATA__   the component's state; it reports .last_active_drawing back to Python
//   window.Streamlit         the component library; setComponentValue sends a value at once
//   window.feature_group     layers the component removes before it evaluates the next feature_group script
//   path.leaflet-interactive  the counties Leaflet has drawn (the hand-over waits for all 21)
// The county map calls bridge.report(props) on a click and bridge.keep(layer) for each outline it draws;
// each rerun's feature_group script is one call, window.rspBridge.update(<JSON state>).
// The hand-over: the page's server-rendered first view (#rsp-first, geo/firstview.py) stays until this
// map has painted at its real size; then, in one frame, the live app is shown and the first view removed.
window.rspBridge = {
  report: function (props) {
    "use strict";
    // sent at once, instead of after st_folium's 250 ms debounce; no geometry, only the event
    var data = {last_active_drawing: {type: "Feature", geometry: null, properties: props}};
    var g = window.__GLOBAL_DATA__;
    if (g) {
      g.last_active_drawing = data.last_active_drawing;
      g.previous_data = data;
      // The component's own click handler runs after this one and stores the whole clicked feature, which
      // its debounced update would send 250 ms later: the geometry uploaded, and a second rerun that can
      // undo a page switch made in between. Putting ours back first leaves it nothing new to send.
      setTimeout(function () { g.last_active_drawing = data.last_active_drawing; }, 0);
    }
    if (window.Streamlit) { window.Streamlit.setComponentValue(data); }
  },
  keep: function (layer) {
    "use strict";
    window.feature_group = window.feature_group || [];
    window.feature_group.push(layer);
  },
  update: function (next) {
    "use strict";
    window.rspView = next && next.state;  // the view this run drew (lan, lang, period)
    if (window.rspMap) { window.rspMap.update(next); }
    window.rspBridge.handover(0);
  },
  // Whether the page's address asks for another view than this run drew: a county, language or period
  // chosen in the first view while this run was under way (geo/render/firstview.js told Streamlit, whose
  // rerun for it is coming). The first view, which shows the address's view, stays until then.
  behind: function (doc) {
    "use strict";
    var want = window.rspView;
    var asked = new URLSearchParams(doc.location.search);
    if (!want) { return false; }
    return (asked.has("lan") && asked.get("lan") !== (want.lan || "")) ||
      (asked.has("lang") && asked.get("lang") !== want.lang) ||
      (asked.has("period") && asked.get("period") !== want.period);
  },
  handover: function (frames) {
    "use strict";
    var doc;
    try { doc = window.parent.document; } catch (e) { return; }
    if (!doc || !doc.getElementById("rsp-first")) { return; }
    var drawn = document.querySelectorAll("path.leaflet-interactive").length >= 21;
    // the frame gets its height after the first state script; a run behind the address waits for the next
    // (at most 600 frames, about ten seconds: then the live app is shown as it is)
    if (!(drawn && window.innerHeight >= 200) || (window.rspBridge.behind(doc) && frames < 600)) {
      if (frames < 600) { window.requestAnimationFrame(function () { window.rspBridge.handover(frames + 1); }); }
      return;
    }
    // two frames: the fit and the colours applied above are on screen before the first view goes
    window.requestAnimationFrame(function () {
      window.requestAnimationFrame(function () { window.rspHandover(doc); });
    });
  }
};
// The swap itself (also used by the pages without a map, app_pages/_map_component.py handover_html()).
window.rspHandover = function (doc) {
  "use strict";
  var first = doc.getElementById("rsp-first");
  if (!first) { return; }
  var scroll = first.scrollTop;
  var css = doc.getElementById("rsp-first-css");
  doc.documentElement.classList.add("rsp-live");
  first.remove();
  if (css) { css.remove(); }  // its selectors would otherwise be matched on every restyle of the live page
  var main = doc.querySelector('[data-testid="stMain"]');
  if (main && scroll) { main.scrollTop = scroll; }
};
