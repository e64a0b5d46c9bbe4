// Waspada's page texts and times, shared by the console and the ops page. Texts come from the service's message
// catalogue (GET /api/v1/messages?lang=..); this file holds no user-visible words. The officer's choice of language
// and time zone is kept in localStorage (waspada.lang, waspada.zone); until they choose, the token's claims or their
// task force's defaults apply (GET /api/v1/preferences). Times are shown in the zone, with UTC in the title (hover).
window.WaspadaI18n = (function () {
  "use strict";
  let texts = {};
  let languages = [];
  let zones = [];
  let language = localStorage.getItem("waspada.lang") || "en";
  let zone = localStorage.getItem("waspada.zone") || "Asia/Kuala_Lumpur";
  const listeners = [];

  // The text of key with {name} placeholders filled; values may be strings or DOM nodes (see fill).
  function t(key, args) {
    let text = Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : key;
    Object.keys(args || {}).forEach((name) => { text = text.split("{" + name + "}").join(String(args[name])); });
    return text;
  }

  // Puts the text of key into element, placeholders whose values are nodes (e.g. a <time>) inserted as nodes.
  function fill(element, key, args) {
    const template = Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : key;
    const nodes = [];
    let rest = template;
    const pattern = /\{([a-zA-Z][a-zA-Z0-9]*)\}/;
    let m;
    while ((m = pattern.exec(rest)) !== null) {
      if (m.index > 0) { nodes.push(document.createTextNode(rest.slice(0, m.index))); }
      const value = (args || {})[m[1]];
      nodes.push(value instanceof Node ? value : document.createTextNode(value === undefined ? m[0] : String(value)));
      rest = rest.slice(m.index + m[0].length);
    }
    if (rest) { nodes.push(document.createTextNode(rest)); }
    element.replaceChildren(...nodes);
    return element;
  }

  function abbreviation() {
    const known = zones.find((z) => z.id === zone);
    return known ? known.abbreviation : zone;
  }

  // A <time> showing iso in the chosen zone (2026-11-20 11:15 MYT), UTC on hover.
  function time(iso) {
    const node = document.createElement("time");
    node.dateTime = iso || "";
    if (!iso) { return node; }
    const date = new Date(iso);
    const parts = {};
    new Intl.DateTimeFormat("en-GB", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(date).forEach((p) => { parts[p.type] = p.value; });
    node.textContent = parts.year + "-" + parts.month + "-" + parts.day + " " + parts.hour + ":" + parts.minute + " " + abbreviation();
    node.title = t("ui.time.utc", { time: date.toISOString().replace("T", " ").replace(/\.\d+Z$/, "") });
    return node;
  }

  function applyStatic() {
    document.documentElement.lang = language;
    document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  }

  function options(select, items, value, label) {
    if (!select) { return; }
    select.replaceChildren(...items.map((item) => {
      const option = document.createElement("option");
      option.value = item.value; option.textContent = label(item); option.selected = item.value === value;
      return option;
    }));
  }

  async function load(lang) {
    const answer = await fetch("/api/v1/messages?lang=" + encodeURIComponent(lang));
    // A stored choice the service no longer knows: English.
    if (!answer.ok) { if (lang !== "en") { localStorage.removeItem("waspada.lang"); await load("en"); } return; }
    const m = await answer.json();
    texts = m.messages; languages = m.languages; zones = m.zones; language = m.language;
    if (!zones.some((z) => z.id === zone)) { zone = zones.length ? zones[0].id : zone; }
    applyStatic();
    options(document.getElementById("language"), languages.map((l) => ({ value: l.code, name: l.name })), language,
      (l) => l.name);
    options(document.getElementById("zone"), zones.map((z) => ({ value: z.id, name: z.name })), zone, (z) => z.name);
    listeners.forEach((f) => f());
  }

  // The officer's own defaults (token claims, else the task force's) apply until they choose on this browser.
  async function signedIn(token) {
    if (localStorage.getItem("waspada.lang") && localStorage.getItem("waspada.zone")) { return; }
    const answer = await fetch("/api/v1/preferences", { headers: { Authorization: "Bearer " + token } });
    if (!answer.ok) { return; }
    const p = await answer.json();
    if (!localStorage.getItem("waspada.zone")) { zone = p.timeZone; }
    await load(localStorage.getItem("waspada.lang") || p.language);
  }

  function wire() {
    const lang = document.getElementById("language");
    const tz = document.getElementById("zone");
    if (lang) { lang.onchange = () => { localStorage.setItem("waspada.lang", lang.value); load(lang.value); }; }
    if (tz) {
      tz.onchange = () => {
        zone = tz.value; localStorage.setItem("waspada.zone", zone);
        listeners.forEach((f) => f());
      };
    }
  }

  wire();
  const ready = load(language);
  return {
    t, fill, time, ready, signedIn, load,
    onChange: (f) => listeners.push(f),
    language: () => language,
    zone: () => zone
  };
})();
