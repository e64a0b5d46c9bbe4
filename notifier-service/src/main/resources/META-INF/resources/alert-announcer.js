// New alerts are announced to screen readers in the officer's language: politely, or at once (assertive) when one of
// them is CRITICAL. One message per arrival: one alert by its severity and title, several by their number and the
// most severe of them.
(function () {
  "use strict";
  const { t } = window.WaspadaI18n;
  const RANK = { CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1 };

  document.addEventListener("waspada:arrived", (e) => {
    const arrived = e.detail.alerts.slice().sort((a, b) => RANK[b.severity] - RANK[a.severity]);
    const top = arrived[0];
    const severity = t("common.severity." + top.severity);
    const text = arrived.length === 1 ? t("ui.console.announce.one", { severity, title: top.title })
      : t("ui.console.announce.several", { count: arrived.length, severity, title: top.title });
    const urgent = top.severity === "CRITICAL";
    const region = document.getElementById(urgent ? "announce-assertive" : "announce-polite");
    document.getElementById(urgent ? "announce-polite" : "announce-assertive").textContent = "";
    region.textContent = text;
  });
})();
