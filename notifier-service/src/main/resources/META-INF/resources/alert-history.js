// The alert's history on its page (GET /api/v1/alerts/{id}/history, oldest first), as the service lets this task force
// see it: what another task force did shows only as the action, the time and that task force. Repeats in a row (the
// same action by the same person, e.g. views) are one line with their number and the time of the last.
(function () {
  "use strict";
  const { t, time } = window.WaspadaI18n;
  let loading = 0;

  function actionWord(action) {
    const key = "ui.console.history.action." + action;
    return t(key) === key ? action : t(key);
  }

  function runs(entries) {
    const out = [];
    entries.forEach((e) => {
      const last = out[out.length - 1];
      if (last && last.action === e.action && last.actor === e.actor && last.taskForce === e.taskForce
          && last.channel === e.channel && last.detail === e.detail) {
        last.times++; last.at = e.at;
      } else {
        out.push(Object.assign({ times: 1 }, e));
      }
    });
    return out;
  }

  function line(e) {
    const li = document.createElement("li");
    li.dataset.action = e.action;
    const what = document.createElement("strong");
    what.textContent = actionWord(e.action);
    li.append(time(e.at), " ", what);
    const who = [e.actor, e.taskForce, e.channel].filter(Boolean).join(" \u00b7 ");
    if (who) { li.append(" " + who); }
    if (e.times > 1) { li.append(" " + t("ui.console.history.times", { count: e.times })); }
    if (e.detail) {
      const detail = document.createElement("q");
      detail.textContent = e.detail;
      li.append(" ", detail);
    }
    return li;
  }

  async function show(alert) {
    const turn = ++loading;
    const list = document.getElementById("d-history");
    const answer = await window.WaspadaConsole.api("GET", "/api/v1/alerts/" + encodeURIComponent(alert.alertId)
      + "/history");
    if (turn !== loading) { return; }
    if (!answer.ok) {
      const failed = document.createElement("li");
      failed.className = "error";
      failed.textContent = t("ui.console.history.unavailable", { status: answer.status });
      list.replaceChildren(failed);
      return;
    }
    const entries = runs(await answer.json());
    if (turn !== loading) { return; }
    if (!entries.length) {
      const none = document.createElement("li");
      none.textContent = t("ui.console.history.none");
      list.replaceChildren(none);
      return;
    }
    list.replaceChildren(...entries.map(line));
  }

  document.addEventListener("waspada:opened", (e) => { show(e.detail.alert); });
})();
