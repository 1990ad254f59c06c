/* What Material's own script did for this site, in a few lines: its 114 KB bundle (35 KB gzip, half of
   every first view) served features the handbook does not use (instant loading, lunr search, code
   annotations, versions, consent). Kept here: the light/dark switch, the back-to-top button, the
   current section in the table of contents and the keyboard (Enter on labels, n/p for pages). Sidebar heights are left to CSS (handbook.css). */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  // Light/dark switch. The inline script in <body> (Material's) has already applied a stored choice.
  var form = document.querySelector('[data-md-component="palette"]');
  if (form) {
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input[name='__palette']"));
    var keys = ["media", "scheme", "primary", "accent"];
    var apply = function (input) {
      input.checked = true;
      keys.forEach(function (k) {
        document.body.setAttribute("data-md-color-" + k, input.getAttribute("data-md-color-" + k));
      });
      // each label switches to the next palette: show only the one after the current input
      form.querySelectorAll("label").forEach(function (label) {
        label.hidden = label.previousElementSibling !== input;
      });
    };
    var byMedia = function () {
      return inputs.filter(function (i) {
        var m = i.getAttribute("data-md-color-media");
        return m && window.matchMedia(m).matches;
      })[0] || inputs[0];
    };
    var stored = null;
    try { stored = __md_get("__palette"); } catch (e) { /* storage disabled */ }
    apply(stored && inputs[stored.index] ? inputs[stored.index] : byMedia());
    inputs.forEach(function (input, index) {
      input.addEventListener("change", function () {
        apply(input);
        var color = {};
        keys.forEach(function (k) { color[k] = input.getAttribute("data-md-color-" + k); });
        __md_set("__palette", { index: index, color: color });
      });
      var m = input.getAttribute("data-md-color-media");
      if (m && window.matchMedia(m).addEventListener) {
        // follow the system setting until the reader chooses
        window.matchMedia(m).addEventListener("change", function () {
          if (!__md_get("__palette")) apply(byMedia());
        });
      }
    });
  }

  // Back to top: shown while scrolling up, away from the top of the page.
  var top = document.querySelector(".md-top");
  var last = window.scrollY;
  // Current section in the table of contents (toc.follow): marked and kept in view.
  var tocLinks = Array.prototype.slice.call(document.querySelectorAll(".md-nav--secondary a.md-nav__link[href^='#']"));
  var targets = tocLinks.map(function (a) { return document.getElementById(decodeURIComponent(a.hash.slice(1))); });
  var active = null;
  function onScroll() {
    var y = window.scrollY;
    if (top) top.hidden = !(y < last && y > 400);
    last = y;
    var current = null;
    for (var i = 0; i < targets.length; i++) {
      if (targets[i] && targets[i].getBoundingClientRect().top < 100) current = tocLinks[i];
    }
    if (current === active) return;
    if (active) active.classList.remove("md-nav__link--active");
    active = current;
    if (!active) return;
    active.classList.add("md-nav__link--active");
    var wrap = active.closest(".md-sidebar__scrollwrap");
    if (wrap && wrap.scrollHeight > wrap.clientHeight) {
      var box = active.getBoundingClientRect(), frame = wrap.getBoundingClientRect();
      if (box.top < frame.top || box.bottom > frame.bottom) wrap.scrollTop += box.top - frame.top - frame.height / 2;
    }
  }
  window.addEventListener("scroll", onScroll, { passive: true });
  onScroll();
  if (top) {
    top.addEventListener("click", function () {
      top.hidden = true;
      top.blur();
      window.scrollTo({ top: 0 });
    });
  }

  // Keyboard, as with Material's script: Enter on a focused label (a section of the navigation menu,
  // the light/dark switch) works like a click; n or . opens the next page, p or , the previous one.
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var el = document.activeElement;
    if (e.key === "Enter" && el instanceof HTMLLabelElement) {
      e.preventDefault();
      el.click();
      return;
    }
    if (e.key === "Enter" && el && el.name === "__palette" && form) {
      e.preventDefault();
      var next = form.querySelectorAll("input[name='__palette']");
      next = next[(Array.prototype.indexOf.call(next, el) + 1) % next.length];
      next.click();
      next.focus();
      return;
    }
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(el && el.tagName) || (el && el.isContentEditable)) return;
    var rel = e.key === "n" || e.key === "." ? "next" : e.key === "p" || e.key === "," ? "prev" : null;
    var link = rel && document.querySelector("link[rel=" + rel + "]");
    if (link) window.location.href = link.href;
  });
  // A menu section's aria-expanded follows its toggle.
  document.addEventListener("change", function (e) {
    var t = e.target;
    if (!t.classList || !t.classList.contains("md-nav__toggle")) return;
    var nav = document.querySelector('[aria-labelledby="' + t.id + '_label"]');
    if (nav) nav.setAttribute("aria-expanded", String(t.checked));
  });

  // Print: open every <details> so that nothing is left out of the paper copy.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (d) { d.open = true; opened.push(d); });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();

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

/* Search: the search box's code (assets/search.js) and the index of the page's language are downloaded
   only when the reader first focuses the box. Keyboard: "/" or "s" opens the search, Escape closes it. A
   link to /?q=... (the 404 page's search box, a shared link) opens the search with the query. */
(function () {
  "use strict";
  var box = document.querySelector("[data-kp-search]");
  if (!box) return;
  var toggle = document.getElementById("__search");
  var input = document.getElementById("kp-search-input");
  var script = document.querySelector('script[src$="assets/handbook.js"]');
  var loading = false;

  function open(state) {
    if (toggle && toggle.checked !== state) {
      toggle.checked = state;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  function load() {
    if (loading || !script) return;
    loading = true;
    var code = document.createElement("script");
    code.src = new URL("search.js", script.src).href;
    document.head.appendChild(code);
  }

  input.addEventListener("focus", function () { open(true); load(); });
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked && document.activeElement !== input) input.focus();
    });
  }
  document.addEventListener("keydown", function (e) {
    var el = document.activeElement;
    var inSearch = box.contains(el);
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.isContentEditable;
    if (!inSearch && !typing && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === "/" || e.key === "s")) {
      e.preventDefault();
      open(true);
      input.focus();
    } else if (inSearch && e.key === "Escape") {
      open(false);
      input.blur();
    }
  });
  var q = new URLSearchParams(location.search).get("q");
  if (q) {
    input.value = q;
    open(true);
    input.focus();
  }
})();

/* Copy link: clicking a heading's permalink (¶) also copies the section's full address, so that a
   trainer can paste it into slides or an e-mail. The address bar shows the same link. */
(function () {
  "use strict";
  var status = document.querySelector(".kp-copy-status");
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.headerlink");
    if (!link || !navigator.clipboard) return;
    navigator.clipboard.writeText(link.href).then(function () {
      if (!status) return;
      status.textContent = status.getAttribute("data-copied");
      status.classList.add("kp-copy-status--shown");
      clearTimeout(status.kpTimer);
      status.kpTimer = setTimeout(function () {
        status.classList.remove("kp-copy-status--shown");
        status.textContent = "";
      }, 2500);
    }, function () { /* no clipboard permission: the link itself still works */ });
  });
  // Print: write each link's full address after its text (see handbook.css @media print).
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".md-content a[href]:not(.headerlink):not(.kp-term__link)").forEach(function (a) {
      // in-page links (#...) need no address on paper
      if ((a.getAttribute("href") || "").charAt(0) !== "#") a.setAttribute("data-print-href", a.href);
    });
  });
})();

/* Glossary terms (issue 20; kumppanuus.core.htmlpass.glossary_links): the first use of a term on a page is a
   link to its glossary entry, described by its definition (aria-describedby). Here the definition also shows
   beside the term while the term has keyboard focus or the pointer rests on the term or on the definition;
   Escape hides it (WCAG 1.4.13: hoverable, dismissible, persistent). A tap or Enter follows the link. */
(function () {
  "use strict";
  var open = null, timer = null;
  function termOf(node) { return node && node.closest ? node.closest(".kp-term") : null; }
  function place(term) {
    var tip = term.lastElementChild, box = term.firstElementChild.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    tip.style.left = Math.max(4, Math.min(box.left, width - tip.offsetWidth - 4)) + "px";
    tip.style.top = box.bottom + "px";
  }
  function hide() {
    clearTimeout(timer);
    if (open) open.lastElementChild.hidden = true;
    open = null;
  }
  function show(term) {
    clearTimeout(timer);
    if (open === term) return;
    hide();
    term.lastElementChild.hidden = false;
    open = term;
    place(term);
  }
  document.addEventListener("mouseover", function (e) {
    var term = termOf(e.target);
    if (term) show(term);
  });
  document.addEventListener("mouseout", function (e) {
    var term = termOf(e.target);
    // a moment's grace, so that a pointer on its way from the term to the definition does not close it
    if (term && term === open && !term.contains(e.relatedTarget) && !term.contains(document.activeElement)) {
      clearTimeout(timer);
      timer = setTimeout(hide, 300);
    }
  });
  document.addEventListener("focusin", function (e) {
    var term = termOf(e.target);
    if (term) show(term); else if (open && !open.matches(":hover")) hide();
  });
  document.addEventListener("focusout", function (e) {
    var term = termOf(e.target);
    if (term && term === open && !term.contains(e.relatedTarget) && !term.matches(":hover")) hide();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && open) hide();
  });
  window.addEventListener("scroll", function () { if (open) place(open); }, { passive: true });
  window.addEventListener("resize", function () { if (open) place(open); });
})();

/* The menu at narrow widths (issue 20): Material opens its drawer with a <label> for a hidden checkbox,
   which a keyboard cannot reach. With the script a real button does it (overrides/partials/header.html):
   it says whether the menu is open, moves focus into the menu, and Escape closes the menu again. The drawer
   shows one level at a time (handbook.css hides the others): while it is open, the labels that open a
   section or the page's contents and the titles that go back a level can be reached with Tab (Enter works
   on them, as on every label), focus follows the level shown, and Tab out of the menu closes it.
   Material's hidden checkboxes get the hidden attribute, so that they stay out of sight and out of the Tab
   order when a reader turns page styles off. */
(function () {
  "use strict";
  document.querySelectorAll("input.md-toggle").forEach(function (t) { t.hidden = true; });
  var button = document.querySelector("[data-kp-menu]");
  var drawer = document.getElementById("__drawer");
  if (!button || !drawer) return;
  var label = document.querySelector("label.md-header__button[for='__drawer']");
  if (label) label.hidden = true;
  button.hidden = false;
  var nav = document.querySelector(".md-sidebar--primary");
  if (!nav) return;
  var levels = nav.querySelectorAll("label.md-nav__link[for^='__nav'], label.md-nav__title[for^='__nav'], " +
    "label.md-nav__link[for='__toc'], label.md-nav__title[for='__toc']");
  function reachable(on) {
    Array.prototype.forEach.call(levels, function (l) {
      if (on && !l.hasAttribute("data-kp-tabindex")) {
        l.setAttribute("data-kp-tabindex", l.getAttribute("tabindex") || "");
        l.setAttribute("tabindex", "0");
      } else if (!on && l.hasAttribute("data-kp-tabindex")) {
        l.setAttribute("tabindex", l.getAttribute("data-kp-tabindex"));
        l.removeAttribute("data-kp-tabindex");
      }
    });
  }
  // the first thing in the menu that can take focus: hidden levels cannot
  function focusFirst(root) {
    var all = root.querySelectorAll("a[href], label[tabindex='0']");
    for (var i = 0; i < all.length; i++) {
      all[i].focus();
      if (document.activeElement === all[i]) return;
    }
  }
  function set(state, focus) {
    drawer.checked = state;
    drawer.dispatchEvent(new Event("change"));
    if (focus === "menu") focusFirst(nav);  // the menu is visible at once (handbook.css); it slides in around the focus
    else if (focus === "button") button.focus();
  }
  drawer.addEventListener("change", function () {
    button.setAttribute("aria-expanded", String(drawer.checked));
    reachable(drawer.checked);
  });
  button.addEventListener("click", function () { set(!drawer.checked, drawer.checked ? null : "menu"); });
  nav.addEventListener("change", function (e) {
    var t = e.target;
    if (!drawer.checked || !t.classList || !t.classList.contains("md-nav__toggle")) return;
    var item = t.parentElement;
    var level = item.querySelector(":scope > .md-nav");
    if (t.checked && level) focusFirst(level);
    else if (!t.checked) focusFirst(item);
  });
  // Tab out of the menu closes it: what comes next is under the menu's shade
  nav.addEventListener("focusout", function (e) {
    var to = e.relatedTarget;
    if (drawer.checked && to && !nav.contains(to) && to !== button) set(false);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && drawer.checked) set(false, "button");
  });
})();
