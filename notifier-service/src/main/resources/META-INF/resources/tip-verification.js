// Tip verification (#18) on the alert page: a tip-only alert shows who verified it (or found it unfounded) instead of
// "tip only: unverified"; while it waits, a lead sees the desk's two decisions, each needing a reason. Only the
// verification desk's leads may decide: the service refuses others (403), and the page shows its answer. Words come
// from the catalogue (ui.verify.*). Follows the console by its "waspada:opened" event.
(function () {
  "use strict";
  const { t, fill, time } = window.WaspadaI18n;
  let current = null;

  function el(tag, attributes, text) {
    const node = document.createElement(tag);
    Object.keys(attributes || {}).forEach((name) => node.setAttribute(name, attributes[name]));
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function claims() {
    const token = sessionStorage.getItem("waspada.token");
    try { return JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))); } catch (e) { return {}; }
  }

  function tipOnly(a) { return !!(a.labels && a.labels.verification === "required"); }

  // The section under the alert's actions, made once.
  function section() {
    let root = document.getElementById("verification");
    if (root) { return root; }
    root = el("section", { id: "verification", "aria-labelledby": "verify-heading" });
    root.appendChild(el("h3", { id: "verify-heading" }, t("ui.verify.heading")));
    root.appendChild(el("p", { id: "verify-help", class: "help" }, t("ui.verify.help")));
    const label = el("label", { for: "verify-reason" }, t("ui.verify.reason"));
    const reason = el("textarea", { id: "verify-reason", rows: "2", cols: "60", maxlength: "1000", required: "",
      "aria-describedby": "verify-help verify-error" });
    const verified = el("button", { id: "verify-verified", type: "button" }, t("ui.verify.verified"));
    const unfounded = el("button", { id: "verify-unfounded", type: "button" }, t("ui.verify.unfounded"));
    verified.onclick = () => decide("VERIFIED");
    unfounded.onclick = () => decide("UNFOUNDED");
    [label, el("br"), reason, el("br"), verified, document.createTextNode(" "), unfounded]
      .forEach((n) => root.appendChild(n));
    root.appendChild(el("span", { id: "verify-error", class: "error", role: "alert" }));
    const detail = document.getElementById("detail");
    detail.insertBefore(root, document.getElementById("d-title").nextSibling);
    return root;
  }

  async function decide(decision) {
    const reason = document.getElementById("verify-reason");
    const error = document.getElementById("verify-error");
    error.textContent = "";
    if (!reason.value.trim()) {
      error.textContent = t("ui.verify.reasonRequired");
      reason.focus();
      return;
    }
    const answer = await window.WaspadaConsole.api("POST", "/api/v1/alerts/" + encodeURIComponent(current.alertId)
      + "/verification", { decision, reason: reason.value });
    if (!answer.ok) {
      const problem = await answer.json().catch(() => ({}));
      error.textContent = t("ui.verify.refused", { detail: problem.detail || answer.status });
      return;
    }
    reason.value = "";
    window.WaspadaConsole.open(current.alertId);
  }

  function show(a) {
    current = a;
    const notice = document.getElementById("d-tip");
    const v = a.verification;
    if (v) {
      // Decided: the notice says by whom and when, in place of "tip only: unverified".
      fill(notice, v.decision === "VERIFIED" ? "ui.verify.verifiedBy" : "ui.verify.unfoundedBy",
        { taskForce: v.taskForce, at: time(v.at) });
      notice.className = "tip-only tip-" + v.decision.toLowerCase();
      notice.hidden = false;
    } else {
      notice.className = "tip-only";
    }
    const me = claims();
    const mayDecide = tipOnly(a) && !v && a.status === "OPEN" && (me.groups || []).includes("lead");
    const root = section();
    root.hidden = !mayDecide;
    document.getElementById("verify-error").textContent = "";
  }

  document.addEventListener("waspada:opened", (e) => show(e.detail.alert));
})();
