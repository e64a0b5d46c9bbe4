// The alert list by keyboard: the list is one tab stop (a listbox); arrow keys, Home and End move among the alerts
// the filters show, Enter (or Space) opens one and moves to its page; Escape on the page comes back to the list, on
// the alert it came from. The active alert survives the list being drawn again as alerts arrive.
(function () {
  "use strict";
  const list = document.getElementById("alerts");
  if (!list) { return; }
  let active = null;          // alertId of the active item
  let openedByKey = false;

  function items() {
    return [...list.querySelectorAll(":scope > li")].filter((li) => !li.hidden);
  }

  function mark() {
    let current = null;
    list.querySelectorAll(":scope > li").forEach((li) => {
      li.setAttribute("role", "option");
      li.id = "alert-item-" + li.dataset.alertId;
      const on = li.dataset.alertId === active && !li.hidden;
      li.setAttribute("aria-selected", on ? "true" : "false");
      li.classList.toggle("active", on);
      if (on) { current = li; }
    });
    if (current) {
      list.setAttribute("aria-activedescendant", current.id);
      if (document.activeElement === list) { current.scrollIntoView({ block: "nearest" }); }
    } else {
      list.removeAttribute("aria-activedescendant");
    }
  }

  function move(to) {
    const visible = items();
    if (!visible.length) { return; }
    const at = visible.findIndex((li) => li.dataset.alertId === active);
    const index = to === "first" ? 0 : to === "last" ? visible.length - 1
      : at < 0 ? 0 : Math.max(0, Math.min(visible.length - 1, at + to));
    active = visible[index].dataset.alertId;
    mark();
  }

  list.addEventListener("keydown", (e) => {
    const moves = { ArrowDown: 1, ArrowUp: -1, Home: "first", End: "last", PageDown: 10, PageUp: -10 };
    if (Object.prototype.hasOwnProperty.call(moves, e.key)) {
      e.preventDefault(); move(moves[e.key]);
    } else if ((e.key === "Enter" || e.key === " ") && active) {
      e.preventDefault();
      const li = document.getElementById("alert-item-" + active);
      if (li && !li.hidden) { openedByKey = true; li.click(); }
    }
  });
  // Tabbing into the list with nothing active makes the first shown alert active.
  list.addEventListener("focus", () => { if (!active || !items().some((li) => li.dataset.alertId === active)) { move("first"); } });
  list.addEventListener("click", (e) => {
    const li = e.target.closest("li");
    if (li && li.parentElement === list) { active = li.dataset.alertId; mark(); }
  });
  document.addEventListener("waspada:rendered", mark);
  document.addEventListener("waspada:filtered", mark);
  document.addEventListener("waspada:opened", (e) => {
    active = e.detail.alert.alertId;
    mark();
    if (openedByKey) { openedByKey = false; document.getElementById("d-title").focus(); }
  });
  const detail = document.getElementById("detail");
  if (detail) {
    detail.addEventListener("keydown", (e) => {
      if (e.key === "Escape") { e.preventDefault(); list.focus(); mark(); }
    });
  }
})();
