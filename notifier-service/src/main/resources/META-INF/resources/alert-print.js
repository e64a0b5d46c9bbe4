// The printable alert sheet: the browser's print of the alert's page, laid out by console-print.css (flags first, the
// alert's facts, evidence, map and its places, history; no header, list, filters or buttons).
(function () {
  "use strict";
  const button = document.getElementById("print");
  if (button) { button.onclick = () => window.print(); }
})();
