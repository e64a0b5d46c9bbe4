// Waspada ops page: sign in (password or pasted token, ops/admin role), then poll GET /api/v1/ops/overview and draw
// services' health, topics, consumer lag (growing lag highlighted), dead letters and rule hits over the last hour.
// Words come from the message catalogue (i18n.js); times are shown in the chosen zone with UTC on hover.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const { t, fill, time } = window.WaspadaI18n;
  let last = null;    // the overview last drawn, drawn again in another language or zone
  const POLL_MS = 3000;
  const COLOURS = ["#1565c0", "#b00020", "#2e7d32", "#e65100", "#6a1b9a", "#00838f", "#795548"];
  let token = sessionStorage.getItem("waspada.token");
  let timer = null;
  // Bumped by every sign-in and sign-out: a poll whose answer arrives after one stops instead of drawing or rescheduling.
  let generation = 0;

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function row(cells) {
    const tr = el("tr");
    cells.forEach(([text, className]) => tr.appendChild(el("td", text, className)));
    return tr;
  }

  function bytes(n) {
    const units = ["B", "KB", "MB", "GB", "TB"];
    let i = 0;
    while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return (i === 0 ? n : n.toFixed(1)) + " " + units[i];
  }

  function showSignIn(message, forbidden) {
    generation++;
    clearTimeout(timer); timer = null;
    $("ops").hidden = true; $("signin").hidden = false; $("signout").hidden = true; $("who").textContent = "";
    $("signin-error").textContent = message || "";
    $("signin-error").className = forbidden ? "error forbidden" : "error";
  }

  function claims(jwt) {
    try { return JSON.parse(atob(jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))); } catch (e) { return {}; }
  }

  async function poll() {
    const mine = generation;
    let answer;
    try {
      answer = await fetch("/api/v1/ops/overview", { headers: { Authorization: "Bearer " + token } });
    } catch (e) {
      if (mine !== generation) { return; }
      $("refresh").textContent = t("ui.ops.unreachable");
      timer = setTimeout(poll, POLL_MS);
      return;
    }
    if (mine !== generation) { return; }
    if (answer.status === 401) { sessionStorage.removeItem("waspada.token"); token = null; showSignIn(t("ui.ops.signin.expired")); return; }
    if (answer.status === 403) {
      const c = claims(token);
      showSignIn(t("ui.ops.signin.roleRequired", { user: c.upn || t("ui.ops.signin.thisUser"),
        roles: JSON.stringify(c.groups || []) }), true);
      return;
    }
    if (answer.ok) {
      const overview = await answer.json();
      if (mine !== generation) { return; }
      const c = claims(token);
      $("signin").hidden = true; $("ops").hidden = false; $("signout").hidden = false;
      $("who").textContent = (c.upn || "") + (c.taskForce ? " (" + c.taskForce + ")" : "");
      last = overview;
      render(overview);
      $("refresh").textContent = t("ui.ops.refreshes", { seconds: POLL_MS / 1000 });
    } else {
      $("refresh").textContent = t("ui.ops.answered", { status: answer.status });
    }
    timer = setTimeout(poll, POLL_MS);
  }

  function render(o) {
    $("sampled-at").replaceChildren(o.sampledAt ? time(o.sampledAt) : t("ui.ops.notYet"));
    $("sampled-at").dataset.sampledAt = o.sampledAt || "";
    $("errors").textContent = o.errors.length ? t("ui.ops.problems", { list: o.errors.join("; ") }) : "";
    renderServices(o.services);
    renderTopics(o.topics);
    renderGroups(o.groups);
    renderDlq(o.dlq);
    renderChart(o.ruleHits);
  }

  function renderServices(services) {
    const list = $("services");
    list.replaceChildren();
    services.forEach((s) => {
      const li = el("li", s.name + ": " + s.status, s.status);
      li.dataset.service = s.name; li.dataset.status = s.status;
      const why = s.failingChecks.length ? t("ui.ops.failing", { list: s.failingChecks.join(", ") })
        : (s.status === "UP" ? "" : s.detail);
      if (why) { li.appendChild(el("small", why)); }
      li.title = s.url;
      list.appendChild(li);
    });
  }

  function renderTopics(topics) {
    const body = $("topics");
    body.replaceChildren();
    topics.forEach((t) => {
      const tr = row([[t.topic], [t.partitions, "num"], [t.messagesPerSecond.toFixed(1), "num"], [t.messages, "num"],
        [bytes(t.sizeBytes), "num"]]);
      tr.dataset.topic = t.topic;
      body.appendChild(tr);
    });
  }

  function renderGroups(groups) {
    const body = $("groups");
    body.replaceChildren();
    groups.forEach((g) => {
      const topics = g.topics.length ? g.topics : [{ topic: t("ui.ops.nothingCommitted"), lag: "", growing: false }];
      topics.forEach((t) => {
        const tr = row([[g.group], [g.state], [t.topic], [t.growing ? t.lag + " \u2191" : t.lag, "num lag"]]);
        tr.dataset.group = g.group; tr.dataset.topic = t.topic;
        if (t.growing) { tr.className = "growing"; tr.title = window.WaspadaI18n.t("ui.ops.lagGrew"); }
        body.appendChild(tr);
      });
    });
  }

  function renderDlq(dlqs) {
    const box = $("dlq");
    box.replaceChildren();
    dlqs.forEach((d) => {
      const part = el("div", null, "dlq");
      part.dataset.topic = d.topic;
      const title = el("h3", d.topic + ": ");
      const depth = el("span", String(d.depth), "depth");
      title.appendChild(depth);
      part.appendChild(title);
      if (d.latest.length) {
        const list = el("ol");
        d.latest.forEach((r) => {
          const item = el("li");
          item.append(time(r.at), " " + r.reason);
          if (r.source) { item.append(" ", fill(el("span"), "ui.ops.dlq.from", { source: r.source })); }
          if (r.detail) { item.append(": " + r.detail); }
          list.appendChild(item);
        });
        part.appendChild(list);
      }
      box.appendChild(part);
    });
  }

  function renderChart(hits) {
    const NS = "http://www.w3.org/2000/svg";
    const W = 600, H = 160, L = 30, B = 18;
    const rules = Object.keys(hits.perRule);
    const max = Math.max(1, ...rules.flatMap((r) => hits.perRule[r]));
    const svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", "0 0 " + W + " " + H); svg.setAttribute("width", W); svg.setAttribute("height", H);
    svg.setAttribute("role", "img"); svg.setAttribute("aria-label", t("ui.ops.chart.label"));
    const x = (i) => L + i * (W - L - 5) / 59;
    const y = (v) => H - B - v * (H - B - 10) / max;
    const text = (tx, ty, s, anchor) => {
      const node = document.createElementNS(NS, "text");
      node.setAttribute("x", tx); node.setAttribute("y", ty); node.setAttribute("text-anchor", anchor || "start");
      node.textContent = s; svg.appendChild(node);
    };
    const axis = document.createElementNS(NS, "path");
    axis.setAttribute("d", "M" + L + " 5 V" + (H - B) + " H" + (W - 5)); axis.setAttribute("stroke", "#999");
    axis.setAttribute("fill", "none"); svg.appendChild(axis);
    text(L - 4, 14, String(max), "end"); text(L - 4, H - B, "0", "end");
    text(L, H - 4, t("ui.ops.chart.start")); text(W - 5, H - 4, t("ui.ops.chart.now"), "end");
    const legend = el("div", null, "legend");
    rules.forEach((rule, k) => {
      const line = document.createElementNS(NS, "polyline");
      line.setAttribute("points", hits.perRule[rule].map((v, i) => x(i) + "," + y(v)).join(" "));
      line.setAttribute("fill", "none"); line.setAttribute("stroke", COLOURS[k % COLOURS.length]);
      line.setAttribute("stroke-width", "1.5"); line.dataset.rule = rule;
      svg.appendChild(line);
      const total = hits.perRule[rule].reduce((a, b) => a + b, 0);
      const key = el("span", rule + " " + total);
      const swatch = el("i"); swatch.style.background = COLOURS[k % COLOURS.length];
      key.prepend(swatch); key.dataset.rule = rule;
      legend.appendChild(key);
    });
    $("rule-chart").replaceChildren(svg, legend);
  }

  function start(candidate) {
    token = candidate.trim();
    sessionStorage.setItem("waspada.token", token);
    generation++;
    clearTimeout(timer);
    window.WaspadaI18n.signedIn(token);
    poll();
  }

  $("token-form").addEventListener("submit", (e) => { e.preventDefault(); start($("token").value); });
  $("password-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const answer = await fetch("/api/v1/session", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: $("username").value, password: $("password").value }) });
    if (!answer.ok) {
      showSignIn(answer.status === 404 ? t("ui.ops.signin.refused404") : t("ui.ops.signin.refused", { status: answer.status }));
      return;
    }
    start((await answer.json()).token);
  });
  $("signout").addEventListener("click", () => { sessionStorage.removeItem("waspada.token"); token = null; showSignIn(); });
  window.WaspadaI18n.ready.then(() => { if (!last) { $("sampled-at").textContent = t("ui.ops.never"); } });
  // Another language or zone: the last overview is drawn again at once.
  window.WaspadaI18n.onChange(() => { if (last && !$("ops").hidden) { render(last); } });
  if (token) { window.WaspadaI18n.signedIn(token); poll(); }
})();
