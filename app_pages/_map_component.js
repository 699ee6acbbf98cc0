// The bridge between geo/countymap.js and streamlit-folium's front end, put in front of the map's script
// by app_pages/_map_component.py. This file and that module are the only places that know the
// component's front-end internals:
//   window.__GLOBAL_DATA__   the component's state; it reports .last_active_drawing back to Python
//   window.Streamlit         the component library; setComponentValue sends a value at once
//   window.feature_group     layers the component removes before it evaluates the next feature_group script
// The county map calls bridge.report(props) on a click and bridge.keep(layer) for each outline it draws;
// each rerun's feature_group script is one call, window.rspBridge.update(<JSON state>).
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
    if (window.rspMap) { window.rspMap.update(next); }
  }
};
