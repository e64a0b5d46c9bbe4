// Filters of the alert list (status, severity, type, region), applied in the page to the alerts the officer already
// sees, and kept in the address (?status=OPEN&severity=CRITICAL&type=...&region=...) so a filtered view can be shared
// or bookmarked. A filtered-out alert is hidden, not dropped: clearing the filter shows it again at once.
(function () {
  "use strict";
  const { t } = window.WaspadaI18n;
  const FIELDS = {
    status: { values: () => ["OPEN", "ACKNOWLEDGED", "RESOLVED"], of: (a) => a.status, word: (v) => t("common.status." + v) },
    severity: { values: () => ["CRITICAL", "HIGH", "MEDIUM", "LOW"], of: (a) => a.severity,
      word: (v) => t("common.severity." + v) },
    type: { values: (list) => present(list, (a) => a.type), of: (a) => a.type, word: typeWord },
    region: { values: (list) => present(list, (a) => (a.labels || {}).region), of: (a) => (a.labels || {}).region,
      word: (v) => v }
  };
  const chosen = {};
  let shown = [];

  // A rule's name in the officer's language; a rule the catalogue does not know yet by its name.
  function typeWord(type) {
    const key = "ui.console.type." + type;
    const word = t(key);
    return word === key ? type : word;
  }

  function present(list, of) {
    return [...new Set(list.map(of).filter(Boolean))].sort();
  }

  function readAddress() {
    const query = new URLSearchParams(location.search);
    Object.keys(FIELDS).forEach((name) => { chosen[name] = query.get(name) || ""; });
  }

  function writeAddress() {
    const url = new URL(location.href);
    Object.keys(FIELDS).forEach((name) => {
      if (chosen[name]) { url.searchParams.set(name, chosen[name]); } else { url.searchParams.delete(name); }
    });
    history.replaceState(history.state, "", url.pathname + url.search + url.hash);
  }

  function matches(alert) {
    return Object.keys(FIELDS).every((name) => !chosen[name] || FIELDS[name].of(alert) === chosen[name]);
  }

  // The choices: "all", then the values (a value from a shared address stays offered even with no alert of it).
  function fillChoices(list) {
    Object.keys(FIELDS).forEach((name) => {
      const select = document.getElementById("filter-" + name);
      if (!select) { return; }
      const values = FIELDS[name].values(list);
      if (chosen[name] && !values.includes(chosen[name])) { values.push(chosen[name]); }
      const all = document.createElement("option");
      all.value = ""; all.textContent = t("ui.console.filter.all");
      select.replaceChildren(all, ...values.map((v) => {
        const option = document.createElement("option");
        option.value = v; option.textContent = FIELDS[name].word(v);
        return option;
      }));
      select.value = chosen[name];
    });
  }

  function apply() {
    const items = document.querySelectorAll("#alerts > li");
    const byId = new Map(shown.map((a) => [a.alertId, a]));
    let visible = 0;
    items.forEach((li) => {
      const alert = byId.get(li.dataset.alertId);
      li.hidden = !(alert && matches(alert));
      if (!li.hidden) { visible++; }
    });
    const count = document.getElementById("filter-count");
    if (count) { count.textContent = t("ui.console.filter.count", { shown: visible, total: items.length }); }
    document.dispatchEvent(new CustomEvent("waspada:filtered"));
  }

  readAddress();
  Object.keys(FIELDS).forEach((name) => {
    const select = document.getElementById("filter-" + name);
    if (!select) { return; }
    select.onchange = () => { chosen[name] = select.value; writeAddress(); apply(); };
  });
  const form = document.getElementById("filters");
  if (form) { form.onsubmit = (e) => e.preventDefault(); }
  document.addEventListener("waspada:rendered", (e) => { shown = e.detail.list; fillChoices(shown); apply(); });
})();
