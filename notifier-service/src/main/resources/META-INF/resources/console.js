// Waspada task force console: sign in (username + password on the local platform, or a pasted officer token), live
// alert list (WebSocket), evidence, ack/resolve, CAP. Words come from the message catalogue (i18n.js), times are
// shown in the officer's zone with UTC on hover.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const { t, fill, time } = window.WaspadaI18n;
  const i18n = window.WaspadaI18n;
  let connected = false;
  const alerts = {};           // alertId -> alert JSON (highest version)
  let token = sessionStorage.getItem("waspada.token");
  let selected = null;
  let socket = null;
  let lead = false;

  const RANK = { CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1 };

  function api(method, path, body) {
    return fetch(path, {
      method, headers: Object.assign({ Authorization: "Bearer " + token },
        body ? { "Content-Type": "application/json" } : {}),
      body: body ? JSON.stringify(body) : undefined
    });
  }

  // Title and summary in the chosen language, times in the chosen zone.
  function localized() {
    return "lang=" + encodeURIComponent(i18n.language()) + "&tz=" + encodeURIComponent(i18n.zone());
  }

  // The page's other scripts (map, filters, keyboard, announcements, history) follow the console by these events.
  function tell(name, detail) { document.dispatchEvent(new CustomEvent("waspada:" + name, { detail })); }

  function showLive() { $("live").textContent = t(connected ? "ui.alerts.live" : "ui.alerts.offline"); }

  function signedIn(who) {
    $("signin").hidden = true; $("console").hidden = false; $("signout").hidden = false;
    $("who").textContent = who.username + " (" + who.taskForce + ")";
  }

  function showForm(withPassword) {
    $("password-form").hidden = !withPassword; $("token-form").hidden = withPassword;
  }

  // POST /api/v1/session exists only where demo officers do (the local platform); elsewhere it is 404 and officers
  // paste the token their identity provider issued.
  async function signInWithPassword(username, password) {
    $("signin-error").textContent = "";
    const answer = await fetch("/api/v1/session", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ username, password })
    });
    $("password").value = "";
    if (answer.status === 404) {
      showForm(false);
      $("signin-error").textContent = t("ui.signin.noPassword");
      return;
    }
    if (!answer.ok) {
      const problem = await answer.json().catch(() => ({}));
      $("signin-error").textContent = t("ui.signin.refused", { detail: problem.detail || answer.status });
      return;
    }
    signIn((await answer.json()).token);
  }

  async function signIn(candidate) {
    token = candidate.trim();
    await i18n.ready;
    await i18n.signedIn(token);
    const answer = await api("GET", "/api/v1/alerts?size=200&" + localized());
    if (!answer.ok) { $("signin-error").textContent = t("ui.signin.refusedStatus", { status: answer.status }); token = null; return; }
    sessionStorage.setItem("waspada.token", token);
    const claims = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
    signedIn({ username: claims.upn, taskForce: claims.taskForce });
    // Resolving closes an alert for every task force: only a lead may (the service refuses others with 403).
    lead = (claims.groups || []).includes("lead");
    (await answer.json()).items.forEach(put);
    render();
    connect();
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    // What this page has, with the status it has it in: the backlog brings only what changed while offline.
    const since = Object.values(alerts).map((a) => a.alertId + ":" + a.version + ":" + a.status).join(",");
    socket = new WebSocket(scheme + "://" + location.host + "/ws/alerts?access_token=" + encodeURIComponent(token)
      + (since ? "&since=" + encodeURIComponent(since) : ""));
    socket.onopen = () => { connected = true; showLive(); };
    socket.onclose = () => { connected = false; showLive(); if (token) { setTimeout(connect, 2000); } };
    socket.onmessage = (e) => {
      const m = JSON.parse(e.data);
      if (m.type === "alert") { refresh(m.alert.alertId); }
      // No longer cleared for it (new evidence raised its handling code): it leaves this console.
      if (m.type === "withdrawn") {
        delete alerts[m.alertId]; render();
        if (selected === m.alertId) { selected = null; $("detail").hidden = true; }
      }
    };
  }

  function put(alert) {
    const known = alerts[alert.alertId];
    if (!known || known.version <= alert.version) { alerts[alert.alertId] = alert; }
  }

  async function refresh(alertId) {
    // The list endpoint carries the officers' status; the WebSocket message only says something changed.
    const answer = await api("GET", "/api/v1/alerts?size=200&" + localized());
    if (answer.ok) {
      const items = (await answer.json()).items;
      const arrived = items.filter((a) => !alerts[a.alertId]);
      items.forEach(put); render();
      if (arrived.length) { tell("arrived", { alerts: arrived }); }
    }
    if (selected === alertId) { open(alertId); }
  }

  function render() {
    const list = Object.values(alerts).sort((a, b) =>
      ((a.status === "OPEN") === (b.status === "OPEN") ? 0 : a.status === "OPEN" ? -1 : 1)
      || (b.updatedAt || "").localeCompare(a.updatedAt || "") || RANK[b.severity] - RANK[a.severity]);
    const ul = $("alerts");
    ul.replaceChildren(...list.map((a) => {
      const li = document.createElement("li");
      li.className = a.severity + " " + a.status;
      li.dataset.alertId = a.alertId;
      li.dataset.status = a.status;
      li.textContent = t("common.severity." + a.severity) + " " + t("common.status." + a.status) + " "
        + (a.flags && a.flags.length ? "\u2691 " + a.flags[0].kind + " " : "")
        + (tipOnly(a) ? "[" + t("ui.tip.badge") + "] " : "") + a.title;
      li.append(" \u00b7 ", time(a.updatedAt));
      li.onclick = () => open(a.alertId);
      return li;
    }));
    tell("rendered", { list });
  }

  function tipOnly(a) { return !!(a.labels && a.labels.verification === "required"); }

  async function open(alertId) {
    selected = alertId;
    const answer = await api("GET", "/api/v1/alerts/" + encodeURIComponent(alertId) + "?" + localized());
    if (!answer.ok) { $("d-error").textContent = t("ui.alert.cannotOpen", { status: answer.status }); return; }
    const a = await answer.json();
    put(a); render();
    $("detail").hidden = false; $("d-error").textContent = "";
    // The agencies' flags first: what they ask of whoever acts on this alert, strictest first.
    const flags = a.flags || [];
    $("d-flags").replaceChildren(...flags.map((f) => {
      const li = document.createElement("li"); li.className = "flag " + f.kind; li.textContent = f.notice; return li;
    }));
    $("d-flags").hidden = flags.length === 0;
    // Civil-society tips alone: unverified, waiting at the verification desk, never escalated on their own.
    $("d-tip").textContent = tipOnly(a) ? t("ui.tip.notice") : "";
    $("d-tip").hidden = !tipOnly(a);
    $("d-title").textContent = a.title;
    $("d-severity").textContent = t("common.severity." + a.severity); $("d-severity").className = "sev " + a.severity;
    $("d-status").textContent = t("common.status." + a.status); $("d-status").dataset.status = a.status;
    $("d-handling").textContent = t("ui.alert.handling", { code: a.handling });
    $("d-version").textContent = a.version; $("d-summary").textContent = a.summary;
    const ack = $("d-ack");
    ack.replaceChildren();
    if (a.acknowledgement) {
      ack.appendChild(fill(document.createElement("span"),
        a.acknowledgement.comment ? "ui.alert.acknowledgedByComment" : "ui.alert.acknowledgedBy",
        { by: a.acknowledgement.by, at: time(a.acknowledgement.at), comment: a.acknowledgement.comment }));
    }
    // Each task force acknowledges for itself; the others' acknowledgements are shown, not counted as ours.
    if (a.acknowledgedElsewhere) {
      if (a.acknowledgement) { ack.appendChild(document.createTextNode(" \u00b7 ")); }
      const list = document.createElement("span");
      a.acknowledgedElsewhere.forEach((o, i) => {
        if (i > 0) { list.appendChild(document.createTextNode(", ")); }
        list.appendChild(fill(document.createElement("span"), "ui.alert.otherAck", { taskForce: o.taskForce, at: time(o.at) }));
      });
      ack.appendChild(fill(document.createElement("span"), "ui.alert.alsoAcknowledged", { list }));
    }
    $("ack").disabled = a.status !== "OPEN"; $("resolve").disabled = a.status === "RESOLVED";
    $("resolve").hidden = !lead;
    $("evidence").replaceChildren(...a.evidence.map((e) => {
      const tr = document.createElement("tr");
      [time(e.observedAt), e.agency, t("common.kind." + e.kind),
        (e.location.site || e.location.region) + " (" + e.location.country + ")",
        e.indicators.join(", "), e.handling].forEach((content) => {
        const td = document.createElement("td");
        if (content instanceof Node) { td.appendChild(content); } else { td.textContent = content; }
        tr.appendChild(td);
      });
      return tr;
    }));
    // Follow-up requests to the evidence owners (follow-up.js).
    if (window.WaspadaFollowUp) { window.WaspadaFollowUp.show(a, token); }
    tell("opened", { alert: a });
  }

  async function act(what) {
    const comment = $("comment").value;
    const answer = await api("POST", "/api/v1/alerts/" + encodeURIComponent(selected) + "/" + what,
      comment ? { comment } : {});
    if (!answer.ok) { $("d-error").textContent = (await answer.json()).detail || answer.status; return; }
    $("comment").value = "";
    open(selected);
  }

  async function downloadCap() {
    const answer = await api("GET", "/api/v1/alerts/" + encodeURIComponent(selected) + "/cap");
    const link = document.createElement("a");
    link.href = URL.createObjectURL(await answer.blob());
    link.download = selected + ".cap.xml";
    link.click();
  }

  $("password-form").onsubmit = (e) => { e.preventDefault(); signInWithPassword($("username").value, $("password").value); };
  $("token-form").onsubmit = (e) => { e.preventDefault(); signIn($("token").value); };
  $("use-token").onclick = (e) => { e.preventDefault(); showForm(false); };
  $("use-password").onclick = (e) => { e.preventDefault(); showForm(true); };
  $("ack").onclick = () => act("ack");
  $("resolve").onclick = () => act("resolve");
  $("cap").onclick = downloadCap;
  $("signout").onclick = () => { sessionStorage.removeItem("waspada.token"); token = null; if (socket) { socket.close(); } location.reload(); };
  // Where the identity provider's sign-in is on (GET /api/v1/session/methods), offer it first.
  fetch("/api/v1/session/methods").then((r) => r.ok ? r.json() : {}).then((methods) => {
    if (methods.identityProvider) { $("oidc-signin").hidden = false; }
    if (methods.identityProvider && !methods.password) { showForm(false); }
  }).catch(() => {});
  // Another language or zone: the words, the titles and the times are fetched and drawn again.
  i18n.onChange(async () => {
    showLive();
    if (!token || $("console").hidden) { return; }
    const answer = await api("GET", "/api/v1/alerts?size=200&" + localized());
    if (answer.ok) { (await answer.json()).items.forEach(put); render(); }
    if (selected) { open(selected); }
  });
  window.WaspadaConsole = { api, localized, open };
  if (token) { signIn(token); }
})();
