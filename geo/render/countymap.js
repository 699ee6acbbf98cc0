// The county map's behaviour in the browser: colours, tooltips, selection, fitting, gestures and the
// "all of Sweden" button. geo/mapview.py puts this file in the map's script and calls
//   window.rspCountyMap(map, cfg, bridge)
// once, with the Leaflet map, the configuration (read from the JSON element the map's header holds: no
// data is ever written into code) and a bridge to whatever hosts the map (the Streamlit component's
// adapter, app_pages/_map_component.js): bridge.report(props) reports a click, bridge.keep(layer) hands
// over a layer to be removed before the next state. Each later state arrives as
//   window.rspMap.update({state, overlays, fit})
// Every text reaching the page is set with textContent.
// One function of about 160 lines, on purpose: it is the closure that holds the map's state (language,
// filter, selection, fit), and every part of it is a named inner function (report, styleFor, tooltipFor,
// the gestures, the Home control, fitTo, apply, outline). The map's script is evaluated inline in the
// component's frame, where there is no module system to split it across files.
window.rspCountyMap = function (map, cfg, bridge) {
  "use strict";
  bridge = bridge || {report: function () {}, keep: function () {}};
  var state = {lang: "sv", types: cfg.types, lan: null, period: "2014-2020", clicks: 0};
  var byCode = {};
  var ink = cfg.strokes;  // the outlines' colours (geo/render/palette.py STROKES)
  var container = map.getContainer();
  function text(key) { return (cfg.texts[state.lang] || cfg.texts.sv)[key]; }
  // What st_folium reports as last_active_drawing: an event (a county's code, or the "all of Sweden"
  // action) and a click counter, no geometry; sent at once instead of after st_folium's 250 ms debounce.
  function report(props) {
    state.clicks += 1;
    props.click = state.clicks;
    bridge.report(props);
  }
  // On a phone the card sits under the map: once it shows the tapped county, bring it into view.
  function revealCard(code) {
    var doc;
    try { doc = window.parent.document; } catch (e) { return; }
    if (!doc || window.parent.innerWidth > 640) { return; }
    var tries = 0, timer = setInterval(function () {
      var el = doc.querySelector('section.rsp-card[data-lan="' + code + '"]');
      if (el) { el.scrollIntoView({block: "start"}); }
      if (el || ++tries > 60) { clearInterval(timer); }
    }, 50);
  }
  function styleFor(p) {
    var on = state.types.indexOf(p.org_type) >= 0;
    var sel = p.lan_kod === state.lan;
    if (state.period === "regiontyp") {  // the FA regions show through; a county outside the filter is veiled
      return {fill: true, fillColor: ink.halo, fillOpacity: on ? 0 : 0.7, color: ink.county_line, weight: 1.2, opacity: 1};
    }
    var fill = state.period === "idag" ? cfg.statusColours[p.status] : cfg.colours[p.org_type];
    return {fillColor: fill || ink.unknown, fillOpacity: on ? cfg.full : cfg.dim,
            color: sel ? ink.selected : ink.border, weight: sel ? 3 : 1, opacity: 1};
  }
  function tooltipFor(layer) {
    var p = layer.feature.properties, box = document.createElement("div");
    var lines = state.period === "idag"
      ? [[p.lan, true], [p.today_region, false], [(cfg.statusLabels[state.lang] || cfg.statusLabels.sv)[p.status] || "", false]]
      : state.period === "regiontyp"
      ? [[p.lan, true], [p["shares_" + state.lang] || p.shares_sv || "", false]]
      : [[p.lan, true], [p.org_name, false], [(cfg.labels[state.lang] || cfg.labels.sv)[p.org_type] || p.org_type, false]];
    lines.forEach(function (l) {
      var el = document.createElement("div");
      if (l[1]) { el.style.fontWeight = "bold"; }
      el.textContent = l[0];
      box.appendChild(el);
    });
    return box;
  }
  // Outlines (municipal borders, the searched municipality) draw in a pane above the county fills.
  var pane = map.createPane("rspOutlines");
  pane.style.zIndex = 450;
  pane.style.pointerEvents = "none";
  // The region-type view: the FA regions' fills under the counties (which keep the clicks, transparent),
  // and a white halo under each county border so that it shows on every fill. The FA layer is fetched the
  // first time that view shows (never for the other views), then kept.
  [["rspFa", 350], ["rspFaHalo", 360]].forEach(function (p) {
    var el = map.createPane(p[0]);
    el.style.zIndex = p[1];
    el.style.pointerEvents = "none";
  });
  var fa = {state: "none", layers: []};
  function faStatus(value) { container.setAttribute("data-fa", value); }
  function loadFa() {
    if (fa.state !== "none") { return; }
    fa.state = "loading";
    faStatus("loading");
    var failed = function () { fa.state = "failed"; faStatus("failed"); showHint("fa_failed", 6000); };
    if (!cfg.faUrl || !window.fetch) { failed(); return; }
    window.fetch(cfg.faUrl, {credentials: "same-origin"}).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    }).then(function (data) {
      fa.layers = [
        L.geoJSON(data, {pane: "rspFa", interactive: false, style: function (f) {
          return {fillColor: cfg.faColours[f.properties.ur6] || ink.unknown, fillOpacity: 1, color: ink.halo,
                  weight: 0.5, opacity: 0.6};
        }}),
        L.geoJSON(cfg.data, {pane: "rspFaHalo", interactive: false,
                             style: {color: ink.halo, weight: 3.5, opacity: 0.9, fill: false}})
      ];
      fa.state = "loaded";
      showFa();
    }).catch(failed);
  }
  function showFa() {
    var on = state.period === "regiontyp";
    if (fa.state === "loaded") {
      fa.layers.forEach(function (l) {
        if (on && !map.hasLayer(l)) { l.addTo(map); }
        if (!on && map.hasLayer(l)) { map.removeLayer(l); }
      });
      faStatus(on ? "shown" : "hidden");
    } else if (on) {
      loadFa();
    }
  }
  // The selected county in the region-type view: a white halo under a black line, above the fills.
  var selected = [];
  function outlineSelected() {
    selected.forEach(function (l) { map.removeLayer(l); });
    selected = [];
    var lyr = byCode[state.lan];
    if (state.period !== "regiontyp" || !lyr) { return; }
    [{color: ink.halo, weight: 7, opacity: 0.95}, {color: ink.selected, weight: 3.5, opacity: 1}].forEach(function (st) {
      st.fill = false;
      selected.push(L.geoJSON(lyr.feature, {pane: "rspOutlines", interactive: false, style: st}).addTo(map));
    });
  }
  // Leaflet's keyboard handler focuses the map on a press, and the browser then scrolls the page to bring
  // the focused map (the whole frame) into view, between the press and the release: the release landed on
  // another county or none, and the first click or tap was lost. The map takes focus first here, without
  // scrolling, so Leaflet's own focus call is skipped.
  function focusInPlace() {
    if (document.activeElement !== container) { container.focus({preventScroll: true}); }
  }
  container.addEventListener("mousedown", focusInPlace, true);
  container.addEventListener("touchstart", focusInPlace, {capture: true, passive: true});
  container.addEventListener("pointerdown", focusInPlace, true);
  // The page scrolls over the map: the wheel zooms only with Ctrl/Cmd held (a trackpad pinch sends that)
  // or after a click into the map, until the pointer leaves it. One finger scrolls the page on a touch
  // screen; two fingers pan and zoom. A short hint says so.
  var hint = L.DomUtil.create("div", "rsp-hint", container), hintTimer = null, active = false, wheelSum = 0;
  hint.setAttribute("aria-hidden", "true");
  function showHint(key, ms) {
    hint.textContent = text(key);
    hint.classList.add("rsp-show");
    clearTimeout(hintTimer);
    hintTimer = setTimeout(function () { hint.classList.remove("rsp-show"); }, ms || 1500);
  }
  container.addEventListener("wheel", function (e) {
    if (!(e.ctrlKey || e.metaKey || active)) { showHint("wheel"); return; }
    e.preventDefault();
    wheelSum += e.deltaY;
    if (Math.abs(wheelSum) < 40) { return; }
    var step = wheelSum > 0 ? -0.5 : 0.5;
    wheelSum = 0;
    map.setZoomAround(map.mouseEventToContainerPoint(e), map.getZoom() + step, {animate: false});
  }, {passive: false});
  map.on("click", function () { active = true; });
  container.addEventListener("mouseleave", function () { active = false; });
  if (window.matchMedia && window.matchMedia("(pointer: coarse)").matches) {
    map.dragging.disable();
    container.addEventListener("touchmove", function (e) { if (e.touches.length === 1) { showHint("touch"); } }, {passive: true});
  }
  var Home = L.Control.extend({
    options: {position: "topleft"},
    onAdd: function () {
      var b = L.DomUtil.create("button", "rsp-home");
      b.type = "button";
      L.DomEvent.disableClickPropagation(b);
      L.DomEvent.on(b, "click", function (e) {
        L.DomEvent.stop(e);
        fitBounds(cfg.sweden, {animate: false});
        fitKey = "sverige";
        report({action: "sverige"});
      });
      return b;
    }
  });
  var home = new Home().addTo(map);
  // A county chosen (its fill, or the larger target of a small one): the app selects it, the card shows.
  function choose(code) {
    report({lan_kod: code});
    revealCard(code);
  }
  var layer = L.geoJSON(cfg.data, {
    style: function (f) { return styleFor(f.properties); },
    onEachFeature: function (f, lyr) {
      byCode[f.properties.lan_kod] = lyr;
      lyr.getElementCode = function () { return f.properties.lan_kod; };
      lyr.bindTooltip(tooltipFor, {sticky: true});
      lyr.on("tooltipopen", function () { if (pointer && !underPointer(lyr)) { lyr.closeTooltip(); } });
      lyr.on("click", function () { choose(f.properties.lan_kod); });
    }
  }).addTo(map);
  // A county drawn smaller than a finger (Blekinge is 27×15 px and Gotland 20×32 px at the whole-Sweden
  // zoom on a phone) gets an invisible round target of 44 px around its middle, under the county fills:
  // a tap on the county itself still hits the county, a tap beside it on the sea (or just off its edge
  // where no other county is) takes it too.
  var HIT_PX = 44;
  var hitPane = map.createPane("rspHit");
  hitPane.style.zIndex = 390;
  var hitRenderer = L.svg({pane: "rspHit", padding: 0.5});
  var hits = {};
  function updateHits() {
    layer.eachLayer(function (lyr) {
      var code = lyr.feature.properties.lan_kod, b = lyr.getBounds();
      var a = map.latLngToLayerPoint(b.getNorthWest()), z = map.latLngToLayerPoint(b.getSouthEast());
      var small = Math.abs(z.x - a.x) < HIT_PX || Math.abs(z.y - a.y) < HIT_PX;
      if (small && !hits[code]) {
        // not a Leaflet "interactive" layer (no hover, no tooltip, not one of the county paths): the
        // element takes the tap itself
        hits[code] = L.circleMarker(b.getCenter(), {radius: HIT_PX / 2, pane: "rspHit", renderer: hitRenderer,
          stroke: false, fill: true, fillOpacity: 0, interactive: false, className: "rsp-hit"}).addTo(map);
        var el = hits[code].getElement();
        el.setAttribute("data-hit", code);
        el.style.pointerEvents = "auto";
        el.addEventListener("click", function () { choose(code); });
      } else if (!small && hits[code]) {
        map.removeLayer(hits[code]);
        delete hits[code];
      }
    });
  }
  map.on("zoomend", updateHits);
  updateHits();
  // Fit the map to the view's target (the county, the municipality or all of Sweden) when the target
  // changes; a rerun that keeps it (a language switch, say) leaves the person's own zoom alone.
  // A fit moves the counties under a pointer that stays still: the hover tooltip went on naming the
  // county it was opened for (and the browser's own hover events after the move could open it again).
  // A tooltip is kept only while its county is the one under the pointer: checked after every fit and
  // whenever a tooltip opens.
  var pointer = null;
  container.addEventListener("mousemove", function (e) { pointer = [e.clientX, e.clientY]; }, true);
  container.addEventListener("mouseleave", function () { pointer = null; });
  function underPointer(lyr) {
    var el = pointer && document.elementFromPoint(pointer[0], pointer[1]);
    return !!el && el === (lyr.getElement && lyr.getElement());
  }
  function dropStaleTips() {
    layer.eachLayer(function (lyr) { if (lyr.isTooltipOpen() && !underPointer(lyr)) { lyr.closeTooltip(); } });
  }
  function fitBounds(bounds, options) {
    map.fitBounds(bounds, options);
    dropStaleTips();
  }
  // and once an animated fit (or any move) has ended, where the counties now lie under the pointer
  map.on("moveend zoomend", dropStaleTips);
  var fitKey = null;
  function fitTo(fit, tries) {
    if (!fit || fitKey === fit.key) { return; }
    map.invalidateSize({pan: false});
    var size = map.getSize();
    if ((size.x < 50 || size.y < 50) && (tries || 0) < 40) {  // the frame is not laid out yet: try again
      setTimeout(function () { fitTo(fit, (tries || 0) + 1); }, 50);
      return;
    }
    fitKey = fit.key;
    lastFit = fit;
    fitBounds(fit.bounds, {padding: [16, 16], animate: false, maxZoom: 10});
  }
  // st_folium sets the frame's height only after the first state script ran, so a fit made on the
  // provisional (short) frame is made again once the frame has its real size.
  var lastFit = null;
  map.on("resize", function (e) {
    if (lastFit && e.oldSize.y < 200 && e.newSize.y >= 200) {
      fitBounds(lastFit.bounds, {padding: [16, 16], animate: false, maxZoom: 10});
    }
  });
  function apply(next) {
    state.lang = next.lang; state.types = next.types; state.lan = next.lan; state.period = next.period;
    var b = home.getContainer();
    b.textContent = text("home");
    b.setAttribute("aria-label", text("home"));
    layer.eachLayer(function (lyr) {
      var p = lyr.feature.properties;
      lyr.setStyle(styleFor(p));
      if (p.lan_kod === state.lan) { lyr.bringToFront(); }
      var path = lyr.getElement && lyr.getElement();
      if (path) {
        path.setAttribute("data-lan", p.lan_kod);
        path.setAttribute("data-active", state.types.indexOf(p.org_type) >= 0 ? "1" : "0");
        path.setAttribute("data-selected", p.lan_kod === state.lan ? "1" : "0");
        path.setAttribute("data-period", state.period);
        path.setAttribute("tabindex", "-1");
      }
    });
    showFa();
    outlineSelected();
  }
  // Outlines for one state (municipal borders, the searched municipality), above the county fills.
  function outline(overlays) {
    overlays.forEach(function (o) {
      o.styles.forEach(function (style) {
        var lyr = L.geoJSON(o.data, {style: style, interactive: false, pane: "rspOutlines"}).addTo(map);
        bridge.keep(lyr);
      });
    });
  }
  apply(state);
  window.rspMap = {
    update: function (next) { outline(next.overlays || []); apply(next.state); fitTo(next.fit); },
    // what the map shows and how it takes gestures (read by the browser tests)
    view: function () {
      return {zoom: map.getZoom(), center: map.getCenter(), fitKey: fitKey, dragging: map.dragging.enabled(),
              touchZoom: map.touchZoom.enabled()};
    }
  };
  return window.rspMap;
};
