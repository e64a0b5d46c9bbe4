// The alert's places and movement on a map, next to its evidence: the region's outline (region-outline.json, bundled:
// no tile server, no network), a point per place where evidence was observed, a line through them in time order, and
// the same as a text list for screen readers and print. Equirectangular projection around the places, drawn in SVG
// with DOM calls only (no markup from data).
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const WIDTH = 480;
  const HEIGHT = 320;
  const MIN_SPAN = 6;  // degrees of longitude shown at least, so a single place has its surroundings
  const { t, time } = window.WaspadaI18n;
  let outline = null;
  let drawing = 0;     // the latest draw; an older one finishing later draws nothing

  function loadOutline() {
    if (!outline) {
      outline = fetch("region-outline.json").then((r) => r.ok ? r.json() : { countries: [] })
        .catch(() => ({ countries: [] }));
    }
    return outline;
  }

  function svg(name, attributes) {
    const node = document.createElementNS(SVG, name);
    Object.keys(attributes || {}).forEach((k) => node.setAttribute(k, attributes[k]));
    return node;
  }

  // Distinct places (same coordinates and site) in the order they were first observed, with their observations.
  function places(evidence) {
    const byKey = new Map();
    evidence.slice().sort((a, b) => (a.observedAt || "").localeCompare(b.observedAt || "")).forEach((e) => {
      const l = e.location;
      const key = l.lat + "," + l.lon + "," + (l.site || "");
      if (!byKey.has(key)) { byKey.set(key, { location: l, seen: [] }); }
      byKey.get(key).seen.push(e);
    });
    return [...byKey.values()];
  }

  // Longitude/latitude to the SVG's pixels, fitted around the places (x shrunk by cos(latitude), as on the ground).
  function projection(points, box) {
    const lons = points.map((p) => p.location.lon);
    const lats = points.map((p) => p.location.lat);
    const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
    const stretch = Math.cos(midLat * Math.PI / 180);
    let lonSpan = Math.max(MIN_SPAN, (Math.max(...lons) - Math.min(...lons)) * 1.6);
    let latSpan = Math.max(MIN_SPAN * HEIGHT / WIDTH, (Math.max(...lats) - Math.min(...lats)) * 1.6);
    // Same scale both ways: widen whichever span is short for the picture's shape.
    if (lonSpan * stretch / latSpan < WIDTH / HEIGHT) { lonSpan = latSpan * WIDTH / HEIGHT / stretch; }
    else { latSpan = lonSpan * stretch * HEIGHT / WIDTH; }
    lonSpan = Math.min(lonSpan, box.east - box.west);
    const west = (Math.min(...lons) + Math.max(...lons)) / 2 - lonSpan / 2;
    const north = midLat + latSpan / 2;
    return (lon, lat) => [(lon - west) / lonSpan * WIDTH, (north - lat) / latSpan * HEIGHT];
  }

  function ringPath(ring, project) {
    let d = "";
    for (let i = 0; i < ring.length; i += 2) {
      const [x, y] = project(ring[i], ring[i + 1]);
      d += (i === 0 ? "M" : "L") + x.toFixed(1) + " " + y.toFixed(1);
    }
    return d + "Z";
  }

  function placeName(l) {
    return (l.site || l.region) + " (" + l.country + ")";
  }

  async function draw(alert) {
    const holder = document.getElementById("d-map");
    const list = document.getElementById("d-map-places");
    if (!holder || !list) { return; }
    const turn = ++drawing;
    const points = places(alert.evidence || []);
    const map = await loadOutline();
    if (turn !== drawing) { return; }
    holder.replaceChildren();
    list.replaceChildren();
    if (!points.length) { return; }
    const project = projection(points, map.box || { west: -180, east: 180 });
    const picture = svg("svg", { viewBox: "0 0 " + WIDTH + " " + HEIGHT, role: "img",
      "aria-labelledby": "d-map-title d-map-desc", class: "alert-map" });
    const title = svg("title", { id: "d-map-title" });
    title.textContent = t("ui.console.map.title", { count: points.length });
    const desc = svg("desc", { id: "d-map-desc" });
    desc.textContent = t("ui.console.map.description");
    picture.append(title, desc, svg("rect", { class: "sea", x: 0, y: 0, width: WIDTH, height: HEIGHT }));
    (map.countries || []).forEach((c) => {
      const shape = svg("path", { class: "land", "data-country": c.code,
        d: c.rings.map((ring) => ringPath(ring, project)).join("") });
      picture.appendChild(shape);
    });
    (map.seas || []).forEach((sea) => {
      const [x, y] = project(sea.lon, sea.lat);
      if (x < 0 || x > WIDTH || y < 0 || y > HEIGHT) { return; }
      // Kept clear of the edges, so the name is not cut.
      const name = svg("text", { class: "sea-label", x: Math.min(WIDTH - 70, Math.max(70, x)).toFixed(1),
        y: Math.min(HEIGHT - 8, Math.max(14, y)).toFixed(1), "text-anchor": "middle",
        "data-sea": sea.code });
      name.textContent = t("ui.console.map.sea." + sea.code);
      picture.appendChild(name);
    });
    // Movement: the places in the order the evidence was observed, returning to a place drawn as a new leg.
    const route = [];
    (alert.evidence || []).slice().sort((a, b) => (a.observedAt || "").localeCompare(b.observedAt || ""))
      .forEach((e) => {
        const xy = project(e.location.lon, e.location.lat);
        const last = route[route.length - 1];
        if (!last || last[0] !== xy[0] || last[1] !== xy[1]) { route.push(xy); }
      });
    if (route.length > 1) {
      picture.appendChild(svg("polyline", { class: "movement",
        points: route.map(([x, y]) => x.toFixed(1) + "," + y.toFixed(1)).join(" ") }));
    }
    points.forEach((p, i) => {
      const [x, y] = project(p.location.lon, p.location.lat);
      const dot = svg("circle", { class: "place", cx: x.toFixed(1), cy: y.toFixed(1), r: 6,
        "data-lat": p.location.lat, "data-lon": p.location.lon });
      const name = svg("title");
      name.textContent = placeName(p.location);
      dot.appendChild(name);
      // Right of the point, or left of it in the picture's right third, so the name stays inside.
      const right = x < WIDTH * 2 / 3;
      const label = svg("text", { class: "place-label", x: (right ? x + 9 : x - 9).toFixed(1), y: (y + 4).toFixed(1),
        "text-anchor": right ? "start" : "end" });
      label.textContent = (i + 1) + " " + (p.location.site || p.location.region);
      picture.append(dot, label);
    });
    holder.appendChild(picture);
    // The text alternative (and the print sheet's list): each place, in order, with who saw what when.
    list.replaceChildren(...points.map((p) => {
      const li = document.createElement("li");
      li.append(placeName(p.location) + " \u2014 ");
      p.seen.forEach((e, i) => {
        if (i > 0) { li.append("; "); }
        li.append(time(e.observedAt), " " + e.agency + " " + t("common.kind." + e.kind));
      });
      return li;
    }));
  }

  document.addEventListener("waspada:opened", (e) => { draw(e.detail.alert); });
})();
