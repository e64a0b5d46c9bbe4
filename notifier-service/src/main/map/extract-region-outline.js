// Makes the console's bundled map outline (META-INF/resources/region-outline.json) from Natural Earth's 1:50m country
// shapes as world-atlas publishes them (TopoJSON). Run once by hand, never at build time:
//   npm pack world-atlas@2 topojson-client@3 && tar xzf ... (each into its own directory), then
//   node extract-region-outline.js <world-atlas>/countries-50m.json <topojson-client>/dist/topojson-client.js > out.json
// Keeps the countries of the region, rounds coordinates to 0.02 degrees and drops points that round onto the previous
// one and islands smaller than about 0.05 square degrees (but a country's largest), so the file stays small (under 100 kB).
"use strict";
const fs = require("fs");
const [atlasFile, clientFile] = process.argv.slice(2);
const topojson = require(require("path").resolve(clientFile));
const world = JSON.parse(fs.readFileSync(atlasFile, "utf8"));
// ISO 3166-1 numeric (world-atlas ids) to alpha-2, as the alerts' locations name countries.
const REGION = { "458": "MY", "360": "ID", "764": "TH", "702": "SG", "096": "BN", "608": "PH", "704": "VN",
  "116": "KH", "626": "TL", "418": "LA", "104": "MM", "598": "PG" };
const BOX = { west: 92, east: 142, south: -12, north: 24 };
// Where the map writes the seas' names (the console's catalogue has the names: ui.console.map.sea.<code>).
const SEAS = [["ANDAMAN_SEA", 96.5, 10], ["MALACCA_STRAIT", 99.2, 4.2], ["GULF_OF_THAILAND", 101.8, 9.5],
  ["SOUTH_CHINA_SEA", 112, 12], ["SULU_SEA", 120.3, 8.6], ["CELEBES_SEA", 122.5, 3.5], ["MAKASSAR_STRAIT", 117.8, -2],
  ["JAVA_SEA", 111, -5], ["BANDA_SEA", 127, -5.5]].map(([code, lon, lat]) => ({ code, lon, lat }));
const STEP = 50; // 1/STEP degree
const round = (v) => Math.round(v * STEP) / STEP;

function area(ring) {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    s += (ring[j][0] + ring[i][0]) * (ring[j][1] - ring[i][1]);
  }
  return Math.abs(s / 2);
}

function inBox(ring) {
  return ring.some(([lon, lat]) => lon >= BOX.west && lon <= BOX.east && lat >= BOX.south && lat <= BOX.north);
}

const countries = [];
for (const feature of topojson.feature(world, world.objects.countries).features) {
  const code = REGION[String(feature.id).padStart(3, "0")];
  if (!code) { continue; }
  const polygons = feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  const rings = [];
  // A small country (Singapore) keeps its largest island however small.
  const largest = Math.max(...polygons.map((polygon) => area(polygon[0])));
  for (const polygon of polygons) {
    const outer = polygon[0];
    if ((area(outer) < 0.05 && area(outer) < largest) || !inBox(outer)) { continue; }
    const flat = [];
    let last = null;
    for (const [lon, lat] of outer) {
      const p = [round(lon), round(lat)];
      if (!last || p[0] !== last[0] || p[1] !== last[1]) { flat.push(p[0], p[1]); last = p; }
    }
    if (flat.length >= 8) { rings.push(flat); }
  }
  countries.push({ code, rings });
}
countries.sort((a, b) => a.code.localeCompare(b.code));
process.stdout.write(JSON.stringify({
  source: "Natural Earth 1:50m Admin 0 countries (public domain), as TopoJSON in world-atlas 2.0.2 (ISC licence, "
    + "Copyright 2013-2019 Michael Bostock); region extracted and simplified by extract-region-outline.js",
  box: BOX,
  seas: SEAS,
  countries
}) + "\n");
