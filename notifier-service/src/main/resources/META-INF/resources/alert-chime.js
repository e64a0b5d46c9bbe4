// Opt-in: a browser notification and a short beep when a CRITICAL or HIGH alert arrives. Off until the officer turns
// it on with the header's button (the browser asks for the notification permission only then, on that click); the
// choice is remembered on this browser (localStorage waspada.notify). The notification names only the severity and
// the rule, not the alert's title: notifications show on locked screens and in the system's history.
(function () {
  "use strict";
  const { t } = window.WaspadaI18n;
  const KEY = "waspada.notify";
  const toggle = document.getElementById("notify-toggle");
  if (!toggle) { return; }
  let audio = null;

  function on() { return localStorage.getItem(KEY) === "on"; }

  function show() {
    toggle.setAttribute("aria-pressed", on() ? "true" : "false");
    toggle.dataset.i18n = on() ? "ui.console.notify.on" : "ui.console.notify.off";
    toggle.textContent = t(toggle.dataset.i18n);
  }

  // The audio context needs a user gesture to start: made on the toggle's click, resumed on later arrivals.
  function sound() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) { return null; }
    if (!audio) { audio = new Context(); }
    if (audio.state === "suspended") { audio.resume().catch(() => {}); }
    return audio;
  }

  function beep() {
    const context = sound();
    if (!context) { return; }
    const tone = context.createOscillator();
    const volume = context.createGain();
    tone.frequency.value = 880;
    volume.gain.setValueAtTime(0.2, context.currentTime);
    volume.gain.exponentialRampToValueAtTime(0.001, context.currentTime + 0.4);
    tone.connect(volume).connect(context.destination);
    tone.start(); tone.stop(context.currentTime + 0.4);
    toggle.dataset.beeps = String(Number(toggle.dataset.beeps || 0) + 1);
  }

  function typeWord(type) {
    const key = "ui.console.type." + type;
    return t(key) === key ? type : t(key);
  }

  toggle.onclick = async () => {
    if (on()) { localStorage.removeItem(KEY); show(); return; }
    localStorage.setItem(KEY, "on");
    sound();
    show();
    if ("Notification" in window && Notification.permission === "default") {
      await Notification.requestPermission().catch(() => "denied");
    }
  };

  document.addEventListener("waspada:rendered", () => { toggle.hidden = false; show(); }, { once: true });
  window.WaspadaI18n.onChange(show);
  document.addEventListener("waspada:arrived", (e) => {
    const urgent = e.detail.alerts.filter((a) => a.severity === "CRITICAL" || a.severity === "HIGH");
    if (!on() || !urgent.length) { return; }
    beep();
    if ("Notification" in window && Notification.permission === "granted") {
      urgent.forEach((a) => {
        const notice = new Notification(t("ui.console.notify.title", { severity: t("common.severity." + a.severity) }),
          { body: t("ui.console.notify.body", { type: typeWord(a.type) }), tag: "waspada-" + a.alertId });
        notice.onclick = () => { window.focus(); notice.close(); };
      });
    }
  });
})();
