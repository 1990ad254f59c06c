/* Small enhancements used on every page. Keep this file tiny: it is part of every first view. */
(function () {
  "use strict";
  // The language switcher keeps the section: heading ids are the same in fi, sv and en,
  // so /rakentaminen/#vaihe-1-3 becomes /sv/rakentaminen/#vaihe-1-3.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (!link || !location.hash) return;
    var url = new URL(link.href, location.href);
    if (!url.hash) {
      url.hash = location.hash;
      link.href = url.toString();
    }
  }, true);
})();
