// Follow-up requests on the alert page: per evidence item "Ask the owning agency" (question, why, urgency), and the
// "Follow-up requests" section (status, deadline, answer or refusal), updated live from /ws/follow-ups. The console
// calls WaspadaFollowUp.show(alert, token) each time it opens an alert. Words come from the catalogue (ui.followup.*).
window.WaspadaFollowUp = (function () {
  "use strict";
  const { t, fill, time } = window.WaspadaI18n;
  let alert = null;
  let token = null;
  let socket = null;
  let asking = null;          // the evidence item the form asks about
  let endedToken = null;      // a token the follow-up socket closed with 1008: never reconnected with

  function api(method, path, body) {
    return fetch(path, {
      method, headers: Object.assign({ Authorization: "Bearer " + token },
        body ? { "Content-Type": "application/json" } : {}),
      body: body ? JSON.stringify(body) : undefined
    });
  }

  function el(tag, attributes, text) {
    const node = document.createElement(tag);
    Object.keys(attributes || {}).forEach((name) => node.setAttribute(name, attributes[name]));
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  // The section under the evidence table, made once.
  function section() {
    let root = document.getElementById("followups");
    if (root) { return root; }
    root = el("section", { id: "followups" });
    root.appendChild(el("h3", { id: "fu-heading" }, t("ui.followup.heading")));
    const form = el("form", { id: "fu-form", hidden: "" });
    form.appendChild(el("p", { id: "fu-about" }));
    const question = el("textarea", { id: "fu-question", maxlength: "2000", rows: "3", required: "" });
    question.placeholder = t("ui.followup.question");
    const reason = el("input", { id: "fu-reason", maxlength: "1000", required: "" });
    reason.placeholder = t("ui.followup.reason");
    const urgency = el("select", { id: "fu-urgency" });
    ["NORMAL", "URGENT"].forEach((u) => {
      const option = el("option", { value: u }, t("ui.followup.urgency." + u)); urgency.appendChild(option);
    });
    const send = el("button", { id: "fu-send", type: "submit" }, t("ui.followup.send"));
    const cancel = el("button", { id: "fu-cancel", type: "button" }, t("ui.followup.cancel"));
    cancel.onclick = () => { form.hidden = true; };
    [question, reason, urgency, send, cancel].forEach((n) => form.appendChild(n));
    form.appendChild(el("span", { id: "fu-error", class: "error" }));
    form.onsubmit = (e) => { e.preventDefault(); ask(); };
    root.appendChild(form);
    root.appendChild(el("p", { id: "fu-none" }, t("ui.followup.none")));
    root.appendChild(el("ul", { id: "fu-list" }));
    document.getElementById("detail").appendChild(root);
    return root;
  }

  // One "Ask" button in each evidence row, in the order the console drew them.
  function buttons() {
    const rows = document.querySelectorAll("#evidence tr");
    alert.evidence.forEach((e, i) => {
      const row = rows[i];
      if (!row) { return; }
      const td = el("td");
      const button = el("button", { class: "fu-ask", "data-event": e.eventId }, t("ui.followup.ask"));
      button.onclick = () => openForm(e);
      td.appendChild(button);
      row.appendChild(td);
    });
  }

  function openForm(evidence) {
    asking = evidence;
    section();
    fill(document.getElementById("fu-about"), "ui.followup.about", { eventId: evidence.eventId, agency: evidence.agency });
    document.getElementById("fu-error").textContent = "";
    document.getElementById("fu-form").hidden = false;
    document.getElementById("fu-question").focus();
  }

  async function ask() {
    const body = {
      eventId: asking.eventId,
      question: document.getElementById("fu-question").value,
      reason: document.getElementById("fu-reason").value,
      urgency: document.getElementById("fu-urgency").value
    };
    const answer = await api("POST", "/api/v1/alerts/" + encodeURIComponent(alert.alertId) + "/requests", body);
    if (!answer.ok) {
      let detail = String(answer.status);
      try { detail = (await answer.json()).detail || detail; } catch (e) { /* not JSON */ }
      document.getElementById("fu-error").textContent = t("ui.followup.cannotSend", { detail });
      return;
    }
    document.getElementById("fu-form").hidden = true;
    document.getElementById("fu-question").value = ""; document.getElementById("fu-reason").value = "";
    load();
  }

  function item(r) {
    const li = el("li", { class: "fu-request " + r.status + (r.overdue ? " overdue" : ""), "data-request": r.requestId });
    const head = el("p");
    head.appendChild(el("strong", { class: "fu-status" }, t("ui.followup.status." + r.status)));
    if (r.overdue) { head.appendChild(document.createTextNode(" \u00b7 ")); head.appendChild(el("em", {}, t("ui.followup.overdue"))); }
    head.appendChild(document.createTextNode(" \u00b7 " + t("ui.followup.urgency." + r.urgency) + " \u00b7 "));
    head.appendChild(fill(el("span"), "ui.followup.about", { eventId: r.eventId, agency: r.agency }));
    li.appendChild(head);
    li.appendChild(fill(el("p", { class: "fu-asked" }), "ui.followup.askedBy",
      { by: r.askedBy, taskForce: r.taskForce, at: time(r.askedAt), due: time(r.deadline) }));
    li.appendChild(el("blockquote", { class: "fu-question" }, r.question));
    li.appendChild(fill(el("p", { class: "fu-reason" }), "ui.followup.why", { reason: r.reason }));
    if (r.escalatedTo) {
      li.appendChild(fill(el("p", { class: "fu-escalated" }), "ui.followup.escalated", { taskForce: r.escalatedTo }));
    }
    if (r.answer) {
      const answer = el("div", { class: "fu-answer" });
      answer.appendChild(fill(el("p"), "ui.followup.answered", { agency: r.agency, at: time(r.closedAt) }));
      answer.appendChild(el("blockquote", { class: "fu-answer-text" }, r.answer.text));
      const fields = r.answer.fields || {};
      if (Object.keys(fields).length) {
        const dl = el("dl");
        Object.keys(fields).forEach((k) => { dl.appendChild(el("dt", {}, k)); dl.appendChild(el("dd", {}, fields[k])); });
        answer.appendChild(dl);
      }
      li.appendChild(answer);
    }
    if (r.declineReason) {
      li.appendChild(fill(el("p", { class: "fu-declined" }), "ui.followup.declined", { reason: r.declineReason }));
    }
    return li;
  }

  async function load() {
    if (!alert) { return; }
    const id = alert.alertId;
    const answer = await api("GET", "/api/v1/alerts/" + encodeURIComponent(id) + "/requests");
    if (!answer.ok || !alert || alert.alertId !== id) { return; }
    const requests = await answer.json();
    section();
    document.getElementById("fu-none").hidden = requests.length > 0;
    document.getElementById("fu-list").replaceChildren(...requests.map(item));
  }

  function listen() {
    if (socket || token === endedToken) { return; }
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const opened = token;
    const mine = new WebSocket(scheme + location.host + "/ws/follow-ups?access_token=" + encodeURIComponent(opened));
    socket = mine;
    socket.onmessage = (m) => {
      const message = JSON.parse(m.data);
      if (message.type === "follow-up" && alert && message.request.alertId === alert.alertId) { load(); }
    };
    // 1008: the token expired (or was refused): reconnecting with it would only be refused again every 3 s.
    // The token refused is the one this socket was opened with: an officer who signed in again meanwhile keeps theirs.
    socket.onclose = (closed) => {
      if (socket === mine) { socket = null; }
      if (closed.code === 1008) { sessionEnded(opened); return; }
      setTimeout(() => { if (token && token !== endedToken) { listen(); } }, 3000);
    };
  }

  // The session's token is done with: no more live updates until the officer signs in again.
  function sessionEnded(ended) {
    endedToken = ended;
    if (ended !== token) { return; }
    const root = section();
    let note = document.getElementById("fu-expired");
    if (!note) {
      note = el("p", { id: "fu-expired", class: "error", role: "alert" });
      root.insertBefore(note, document.getElementById("fu-form"));
    }
    note.textContent = t("ui.followup.sessionExpired");
    note.hidden = false;
  }

  // Called by the console with the opened alert: buttons on its evidence, its requests, live updates.
  function show(opened, officerToken) {
    alert = opened;
    if (token !== officerToken) { token = officerToken; if (socket) { socket.close(); } }
    section();
    document.getElementById("fu-form").hidden = true;
    const ended = document.getElementById("fu-expired");
    if (ended) { ended.hidden = token !== endedToken; }
    buttons();
    load();
    listen();
  }

  return { show };
})();
