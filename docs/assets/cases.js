/* Case filters on the cases overview page. Progressive enhancement: the table is complete
   without JavaScript; this script only reveals the filter form and hides non-matching rows. */
(function () {
  "use strict";
  function setup(form) {
    var table = document.getElementById("kp-cases");
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var marks = Array.prototype.slice.call(document.querySelectorAll(".kp-map-mark"));
    var count = form.querySelector(".kp-filter-count");
    var template = form.getAttribute("data-count-template") || "{shown}/{total}";
    function apply() {
      var want = {};
      Array.prototype.forEach.call(form.querySelectorAll("select[data-filter]"), function (s) {
        if (s.value) want[s.getAttribute("data-filter")] = s.value;
      });
      var shown = 0, visible = {};
      rows.forEach(function (row) {
        var ok = Object.keys(want).every(function (key) {
          var value = row.getAttribute("data-" + key) || "";
          return key === "region" ? value === want[key] : value.split(" ").indexOf(want[key]) !== -1;
        });
        row.hidden = !ok;
        if (ok) { shown += 1; visible[row.id.replace(/^tapaus-/, "")] = true; }
      });
      marks.forEach(function (m) {
        var on = !!visible[m.getAttribute("data-slug")];
        m.style.display = on ? "" : "none";
        if (on) m.removeAttribute("tabindex"); else m.setAttribute("tabindex", "-1");
      });
      if (count) count.textContent = template.replace("{shown}", shown).replace("{total}", rows.length);
    }
    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-kp-filters]"), setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
