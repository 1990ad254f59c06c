/* What axe-core cannot see (issue 20): checks that run inside a page in a real browser. Loaded by
   tests/crawl.py (every built page) and tests/test_accessibility.py (the broken fixture pages that prove
   each check can fail). Every function returns a list of problems in words; an empty list is a pass.
   WCAG 2.2: 1.4.10 reflow, 1.4.12 text spacing, 2.4.7 focus visible, 2.4.11 focus not obscured,
   2.5.8 target size, 1.3.2 meaningful sequence (the page without CSS). */
window.kpA11y = (function () {
  "use strict";

  function describe(el) {
    if (!el || el.nodeType !== 1) return String(el);
    var s = el.tagName.toLowerCase();
    if (el.id) s += "#" + el.id;
    var cls = typeof el.className === "string" ? el.className.trim().split(/\s+/).slice(0, 2).join(".") : "";
    if (cls) s += "." + cls;
    var text = (el.getAttribute("aria-label") || el.textContent || el.getAttribute("href") || "").replace(/\s+/g, " ").trim();
    return s + (text ? " \"" + text.slice(0, 40) + "\"" : "");
  }

  // Rendered: not display:none (itself or an ancestor), not visibility:hidden, not inside closed <details>.
  function rendered(el) {
    return el.checkVisibility ? el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })
      : !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  }

  // Seen by a sighted reader: rendered, not transparent, and not a 1 px "for screen readers only" box.
  function seen(el) {
    if (!rendered(el) || (el.checkVisibility && !el.checkVisibility({ opacityProperty: true }))) return false;
    for (var a = el; a && a !== document.body; a = a.parentElement) {
      var r = a.getBoundingClientRect(), s = getComputedStyle(a);
      if (r.width <= 1 && r.height <= 1 && s.overflow !== "visible") return false;
      if (s.clip && s.clip !== "auto" && s.position === "absolute") return false;
    }
    return true;
  }

  function scrollsX(el) { return /(auto|scroll)/.test(getComputedStyle(el).overflowX); }
  function clipsX(el) { return /(hidden|clip)/.test(getComputedStyle(el).overflowX); }

  function fixedOrSticky(el) {
    for (var a = el; a && a !== document.documentElement; a = a.parentElement) {
      if (/(fixed|sticky)/.test(getComputedStyle(a).position)) return a;
    }
    return null;
  }

  function accessibleName(el) {
    var by = el.getAttribute("aria-labelledby");
    if (by) {
      return by.split(/\s+/).map(function (id) {
        var t = document.getElementById(id);
        return t ? t.textContent : "";
      }).join(" ").trim();
    }
    return (el.getAttribute("aria-label") || el.getAttribute("title") || "").trim();
  }

  // Checks look at a still page: no transitions or animations half-way (a colour fading in over 0.25 s).
  function freeze(on) {
    var style = document.getElementById("kp-a11y-still");
    if (on && !style) {
      style = document.createElement("style");
      style.id = "kp-a11y-still";
      style.textContent = "*, *::before, *::after { transition: none !important; animation: none !important; }";
      document.head.appendChild(style);
    } else if (!on && style) {
      style.remove();
    }
  }

  // Focusing some controls opens things (the search opens when its box gets focus): put the page's
  // checkbox toggles (search, menu) back as they were, so that each element is judged on the same page.
  function toggles() {
    var list = Array.prototype.slice.call(document.querySelectorAll("input.md-toggle"));
    var states = list.map(function (t) { return t.checked; });
    return function restore() {
      list.forEach(function (t, i) {
        if (t.checked !== states[i]) {
          t.checked = states[i];
          t.dispatchEvent(new Event("change"));
        }
      });
    };
  }

  /* 1.4.10 Reflow: nothing scrolls the page sideways or sticks out of the window; a wide element may scroll
     inside its own region, which must then be reachable with the keyboard and named. */
  function reflow() {
    var problems = [];
    var de = document.documentElement, vw = de.clientWidth;
    var sw = Math.max(de.scrollWidth, document.body.scrollWidth);
    if (sw > vw + 1) problems.push("the page scrolls sideways: " + sw + " px of content in a " + vw + " px window");
    var reported = [];
    var all = document.body.querySelectorAll("*");
    for (var i = 0; i < all.length; i++) {
      var el = all[i];
      if (reported.some(function (p) { return p.contains(el); })) continue;
      var r = el.getBoundingClientRect();
      if (!r.width || r.right <= vw + 1 || !seen(el)) continue;
      var scroller = null, clipper = null;
      for (var a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (scrollsX(a)) { scroller = a; break; }
        if (clipsX(a) && a.getBoundingClientRect().right <= vw + 1) { clipper = a; break; }
      }
      if (scroller) continue;  // checked below as a scrolling region
      if (clipper && clipper.getBoundingClientRect().width <= 1) continue;
      reported.push(el);
      problems.push((clipper ? "cut off at the right edge inside " + describe(clipper) + ": " : "sticks out "
        + Math.round(r.right - vw) + " px past the right edge: ") + describe(el));
    }
    for (var j = 0; j < all.length; j++) {
      var box = all[j];
      if (!scrollsX(box) || box.scrollWidth <= box.clientWidth + 1 || !seen(box)) continue;
      if (box.closest(".md-sidebar, .md-search")) continue;  // vertical menus: only their own width matters
      var reachable = box.tabIndex >= 0 || box.querySelector("a[href], button, input, select, textarea, [tabindex]");
      if (!reachable) problems.push("scrolls sideways but cannot be reached with the keyboard (tabindex=0): " + describe(box));
      var isTable = box.tagName === "TABLE";
      var name = accessibleName(box) || (isTable && box.caption ? textOf(box.caption) : "");
      if (box.tabIndex >= 0 && !name) problems.push("a scrolling region without a name (aria-labelledby, aria-label or a caption): " + describe(box));
      if (box.tabIndex >= 0 && !isTable && !box.getAttribute("role") && box.tagName !== "SECTION") problems.push("a focusable scrolling region without role=region: " + describe(box));
    }
    return problems;
  }

  /* 1.4.12 Text spacing: the reader's own spacing (line height 1.5, paragraphs 2 em apart, letters 0.12 em,
     words 0.16 em), as a bookmarklet or a user style sheet would set it. */
  var SPACING = "*, *::before, *::after { line-height: 1.5 !important; letter-spacing: 0.12em !important;" +
    " word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }";

  function setTextSpacing(on) {
    var style = document.getElementById("kp-a11y-spacing");
    if (on && !style) {
      style = document.createElement("style");
      style.id = "kp-a11y-spacing";
      style.textContent = SPACING;
      document.head.appendChild(style);
    } else if (!on && style) {
      style.remove();
    }
  }

  function textOf(el) { return (el.textContent || "").replace(/\s+/g, " ").trim(); }

  // A shortened copy is no loss when the page shows the same text in full elsewhere (Material's header
  // repeats the site name and the page title, which the drawer's title and the h1 show whole).
  function shownElsewhere(el) {
    var t = textOf(el);
    if (!t) return true;
    var cands = document.querySelectorAll("h1, .md-nav__title, title");
    for (var i = 0; i < cands.length; i++) {
      if (!el.contains(cands[i]) && !cands[i].contains(el) && textOf(cands[i]) === t) return true;
    }
    return false;
  }

  /* Text that a box with overflow hidden/clip cuts off (with or without an ellipsis). */
  function clippedText() {
    var problems = [];
    var all = document.body.querySelectorAll("*");
    for (var i = 0; i < all.length; i++) {
      var el = all[i], s = getComputedStyle(el);
      var cx = /(hidden|clip)/.test(s.overflowX), cy = /(hidden|clip)/.test(s.overflowY);
      if (!cx && !cy) continue;
      if (!((cx && el.scrollWidth > el.clientWidth + 1) || (cy && el.scrollHeight > el.clientHeight + 1))) continue;
      if (!seen(el)) continue;
      var r = el.getBoundingClientRect();
      var box = { left: r.left + el.clientLeft, top: r.top + el.clientTop };
      box.right = box.left + el.clientWidth;
      box.bottom = box.top + el.clientHeight;
      var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      var lost = null;
      for (var n = walker.nextNode(); n && !lost; n = walker.nextNode()) {
        if (!n.nodeValue.trim() || !n.parentElement || !seen(n.parentElement)) continue;
        var inner = false;  // text inside a scrolling box within el is that box's business
        for (var p = n.parentElement; p && p !== el; p = p.parentElement) {
          if (/(auto|scroll)/.test(getComputedStyle(p).overflowX + getComputedStyle(p).overflowY)) { inner = true; break; }
        }
        if (inner) continue;
        var range = document.createRange();
        range.selectNodeContents(n);
        var rects = range.getClientRects();
        for (var k = 0; k < rects.length; k++) {
          var q = rects[k];
          if (!q.width) continue;
          if ((cx && (q.right > box.right + 1 || q.left < box.left - 1)) ||
              (cy && (q.bottom > box.bottom + 1 || q.top < box.top - 1))) { lost = n; break; }
        }
      }
      if (lost && !shownElsewhere(el)) {
        problems.push("text cut off by " + describe(el) + " (overflow " + s.overflowX + "/" + s.overflowY + "): \""
          + lost.nodeValue.replace(/\s+/g, " ").trim().slice(0, 50) + "\"");
      }
    }
    return problems;
  }

  /* The elements Tab visits, in order (positive tabindex aside: the handbook uses none). */
  function tabSequence() {
    var sel = "a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]";
    return Array.prototype.filter.call(document.querySelectorAll(sel), function (el) {
      if (el.tabIndex < 0 || el.disabled || el.type === "hidden" || el.closest("[inert]") || !rendered(el)) return false;
      if (el.type === "radio" && el.name && !el.checked &&
          document.querySelector('input[type=radio][name="' + el.name + '"]:checked')) return false;
      return true;
    });
  }

  // Elements of one kind (tag, classes, type, parent and landmark alike) share their focus style: the long
  // pages have hundreds of links of a few kinds. Each kind is tried at most twice, its first and last in
  // Tab order, so that a long page costs little more than a short one.
  function sample(seq) {
    var first = {}, last = {};
    seq.forEach(function (el, i) {
      var p = el.parentElement, land = el.closest("header, nav, main, aside, footer, [role=dialog], table, figure");
      var key = [el.tagName, el.className, el.type || "", el.getAttribute("role") || "",
        p ? p.tagName + "." + p.className : "", land ? land.tagName + "." + land.className : ""].join("|");
      if (!(key in first)) first[key] = i;
      last[key] = i;
    });
    var keep = new Set();
    Object.keys(first).forEach(function (k) { keep.add(first[k]); keep.add(last[k]); });
    return seq.filter(function (el, i) { return keep.has(i); });
  }

  function parseColor(c) {
    var m = /rgba?\(([\d.]+),?\s*([\d.]+),?\s*([\d.]+)(?:[,/]\s*([\d.]+%?))?\)/.exec(c || "");
    if (!m) return null;
    var alpha = m[4] === undefined ? 1 : (m[4].slice(-1) === "%" ? parseFloat(m[4]) / 100 : parseFloat(m[4]));
    return [parseFloat(m[1]), parseFloat(m[2]), parseFloat(m[3]), alpha];
  }

  function luminance(rgb) {
    var c = rgb.slice(0, 3).map(function (v) {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  function contrast(a, b) {
    var x = luminance(a), y = luminance(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  }

  function backgroundBehind(el) {
    for (var a = el; a; a = a.parentElement) {
      var c = parseColor(getComputedStyle(a).backgroundColor);
      if (c && c[3] > 0.5) return c;
    }
    var b = parseColor(getComputedStyle(document.body).backgroundColor);
    return b && b[3] > 0.5 ? b : [255, 255, 255, 1];
  }

  // The boxes that can show an element's focus: itself, and for a hidden radio or checkbox its visible label.
  function indicatorBoxes(el) {
    var boxes = [el];
    if (el.labels) Array.prototype.forEach.call(el.labels, function (l) { boxes.push(l); });
    var next = el.nextElementSibling;
    if (next && next.tagName === "LABEL" && boxes.indexOf(next) < 0) boxes.push(next);
    if (el.parentElement && el.parentElement !== document.body) boxes.push(el.parentElement);  // a frame that shows :focus-within
    return boxes.filter(function (b) { return b === el || seen(b); });
  }

  var LOOK = ["outlineStyle", "outlineWidth", "outlineColor", "outlineOffset", "boxShadow", "backgroundColor",
    "borderTopColor", "borderBottomColor", "borderTopWidth", "borderBottomWidth"];

  function look(boxes) {
    return boxes.map(function (b) {
      var s = getComputedStyle(b), o = {};
      LOOK.forEach(function (k) { o[k] = s[k]; });
      return o;
    });
  }

  // What changes when the element gets keyboard focus: an outline, a shadow, a border or a background.
  function indicator(el, before, after, boxes) {
    for (var i = 0; i < boxes.length; i++) {
      var a = before[i], b = after[i];
      var box = boxes[i], r = box.getBoundingClientRect();
      if (!r.width && !r.height) continue;
      if (!seen(box)) continue;
      var outline = b.outlineStyle !== "none" && parseFloat(b.outlineWidth) >= 1;
      if (outline && (a.outlineStyle !== b.outlineStyle || a.outlineWidth !== b.outlineWidth || a.outlineColor !== b.outlineColor)) {
        if (b.outlineStyle === "auto") return { ok: true, how: "the browser's focus ring" };
        var oc = parseColor(b.outlineColor);
        var bg = backgroundBehind(parseFloat(b.outlineOffset) >= 0 ? (box.parentElement || box) : box);
        if (oc && oc[3] > 0.5 && contrast(oc, bg) >= 3) return { ok: true, how: "outline" };
        return { ok: false, why: "its outline " + b.outlineColor + " has contrast " + (oc ? contrast(oc, bg).toFixed(2) : "?")
          + ":1 against the background (at least 3:1)" };
      }
      if (b.boxShadow !== "none" && b.boxShadow !== a.boxShadow) return { ok: true, how: "shadow" };
      if (b.borderBottomColor !== a.borderBottomColor || b.borderTopWidth !== a.borderTopWidth ||
          b.borderBottomWidth !== a.borderBottomWidth) return { ok: true, how: "border" };
      var ca = parseColor(a.backgroundColor), cb = parseColor(b.backgroundColor);
      if (ca && cb && ca.join() !== cb.join() && cb[3] > 0) return { ok: true, how: "background" };
    }
    return { ok: false, why: "nothing changes when it gets keyboard focus (no outline, shadow, border or background)" };
  }

  function pointCovered(el, boxes, x, y) {
    var hit = document.elementFromPoint(x, y);
    if (!hit) return null;
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i] === hit || boxes[i].contains(hit) || hit.contains(boxes[i])) return null;
    }
    return hit;
  }

  /* 2.4.7 Focus visible and 2.4.11 Focus not obscured. Every element in the Tab sequence is focused in turn
     (after a real Tab press, so that the browser treats focus as keyboard focus): the focus must show as an
     outline, shadow, border or background change (an outline with at least 3:1 contrast against what is
     behind it), and, focused while it sits just under the top edge of the window (as after Shift+Tab or
     scrolling), the browser must bring it out from under a sticky header. */
  function focus(options) {
    var obscured = !options || options.obscured !== false;
    var problems = [];
    var seq = sample(tabSequence());
    // a sticky or fixed header: what stays at the top edge of the window
    var headerBottom = 0;
    [0.25, 0.5, 0.75].forEach(function (f) {
      document.elementsFromPoint(window.innerWidth * f, 1).forEach(function (el) {
        var bar = fixedOrSticky(el);
        if (bar && seen(bar) && bar.getBoundingClientRect().width > window.innerWidth / 2) {
          headerBottom = Math.max(headerBottom, bar.getBoundingClientRect().bottom);
        }
      });
    });
    var start = window.scrollY;
    var restore = toggles();
    var wasStill = !!document.getElementById("kp-a11y-still");
    freeze(true);
    // The page's own focus handlers stay out of it: the focus style is judged as CSS draws it, and focusing
    // the search box does not download the search index on every page view.
    var mute = function (e) { e.stopImmediatePropagation(); };
    ["focus", "blur", "focusin", "focusout"].forEach(function (t) { window.addEventListener(t, mute, true); });
    for (var i = seq.length - 1; i >= 0; i--) {
      var el = seq[i];
      if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
      restore();
      if (!rendered(el)) continue;
      var boxes = indicatorBoxes(el);
      var inHeader = fixedOrSticky(el);
      if (obscured && !inHeader && headerBottom) {
        // the element sits under the header: its top 2 px below the window's top edge
        window.scrollBy(0, el.getBoundingClientRect().top - 2);
      }
      var before = look(boxes);
      el.focus();
      if (document.activeElement !== el) continue;  // not focusable after all (e.g. inside a closed menu)
      var after = look(boxes);
      var shown = indicator(el, before, after, boxes);
      if (!shown.ok) { problems.push("focus not visible on " + describe(el) + ": " + shown.why); continue; }
      if (inHeader || !obscured) continue;
      var vis = boxes.filter(function (b) { var r = b.getBoundingClientRect(); return r.width > 0 && r.height > 0; })[0];
      if (!vis) continue;
      var r = vis.getBoundingClientRect();
      var top = Math.max(r.top, 0), bottom = Math.min(r.bottom, window.innerHeight);
      var left = Math.max(r.left, 0), right = Math.min(r.right, window.innerWidth);
      if (bottom <= top || right <= left) { problems.push("focused but outside the window: " + describe(el)); continue; }
      // the middle of what is in the window must not be under a sticky header or another fixed layer
      var cover = pointCovered(el, boxes, (left + right) / 2, (top + bottom) / 2);
      if (cover && fixedOrSticky(cover)) {
        problems.push("focused but hidden behind " + describe(fixedOrSticky(cover)) + ": " + describe(el));
      }
    }
    if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
    ["focus", "blur", "focusin", "focusout"].forEach(function (t) { window.removeEventListener(t, mute, true); });
    restore();
    if (!wasStill) freeze(false);
    window.scrollTo(0, start);
    return problems;
  }

  /* 2.5.8 Target size (minimum): everything a pointer can activate is at least 24 x 24 px, or a 24 px circle
     on its centre touches no other target (nor another small target's circle). Links inside a line of text
     are exempt (the line height of the text constrains them), as WCAG says. */
  function isTarget(el) {
    if (el.matches("a[href], button, select, textarea, summary, [role=button], [role=link], [role=checkbox], [role=tab]")) return true;
    if (el.matches("input:not([type=hidden])")) return true;
    if (el.tagName === "LABEL" && el.control && !el.contains(el.control)) return true;  // a label that toggles something elsewhere
    return false;
  }

  function inText(el) {
    var d = getComputedStyle(el).display;
    if (d !== "inline" && d !== "inline-block" && d !== "inline-flex") return false;
    var block = el.parentElement;
    while (block && /^inline/.test(getComputedStyle(block).display)) block = block.parentElement;
    if (!block) return false;
    return textOf(block).length > textOf(el).length + 1;
  }

  function targets() {
    var problems = [];
    var vw = document.documentElement.clientWidth, vh = document.documentElement.scrollHeight;
    var list = [];
    Array.prototype.forEach.call(document.querySelectorAll("body *"), function (el) {
      if (!isTarget(el) || !seen(el)) return;
      if (getComputedStyle(el).pointerEvents === "none") return;
      // a native checkbox or radio inside its own label: the whole label is the target
      if (el.matches("input") && el.closest("label")) return;
      var r = el.getBoundingClientRect();
      if (!r.width || !r.height || r.right <= 0 || r.left >= vw || r.bottom + window.scrollY <= 0 || r.top + window.scrollY >= vh) return;
      list.push({ el: el, r: r, small: r.width < 23.5 || r.height < 23.5, inline: false });
    });
    list.forEach(function (t) { if (t.small) t.inline = inText(t.el); });
    function distToRect(x, y, r) {
      var dx = Math.max(r.left - x, 0, x - r.right), dy = Math.max(r.top - y, 0, y - r.bottom);
      return Math.sqrt(dx * dx + dy * dy);
    }
    list.forEach(function (t) {
      if (!t.small || t.inline) return;
      var cx = (t.r.left + t.r.right) / 2, cy = (t.r.top + t.r.bottom) / 2;
      var clash = null;
      for (var i = 0; i < list.length && !clash; i++) {
        var u = list[i];
        if (u === t || u.el.contains(t.el) || t.el.contains(u.el)) continue;
        if (u.small && !u.inline) {
          var ux = (u.r.left + u.r.right) / 2, uy = (u.r.top + u.r.bottom) / 2;
          if (Math.hypot(ux - cx, uy - cy) < 24 - 0.5) clash = u;
        } else if (distToRect(cx, cy, u.r) < 12 - 0.5) {
          clash = u;
        }
      }
      if (clash) {
        problems.push("target " + Math.round(t.r.width) + " x " + Math.round(t.r.height) + " px, too close to "
          + describe(clash.el) + ": " + describe(t.el));
      }
    });
    return problems;
  }

  /* 1.3.2 and CSS off: headings appear on screen in the order of the source; without any author CSS the
     skip link comes first, the main heading comes before any long list of links (the site navigation)
     and within the first two screens, and nothing a reader saw with CSS is missing. */
  function withoutCss() {
    var problems = [];
    var content = document.querySelector("main, [role=main]") || document.body;
    var heads = Array.prototype.filter.call(content.querySelectorAll("h1, h2, h3, h4, h5, h6"), seen);
    var lastY = -Infinity;
    heads.forEach(function (h) {
      var r = h.getBoundingClientRect(), y = r.top + window.scrollY;
      if (y < lastY - 1 && !h.closest(".md-sidebar")) problems.push("heading shown above the one before it in the source: " + describe(h));
      if (!h.closest(".md-sidebar")) lastY = Math.max(lastY, y);
    });
    var blocks = Array.prototype.filter.call(content.querySelectorAll("p, li, td, th, dt, dd, h1, h2, h3, h4, h5, h6, figcaption, caption, blockquote, pre"),
      function (b) { return seen(b) && textOf(b); });
    var sheets = Array.prototype.slice.call(document.styleSheets);
    var styled = Array.prototype.slice.call(document.querySelectorAll("[style]"));
    var inline = styled.map(function (e) { return e.getAttribute("style"); });
    sheets.forEach(function (s) { s.disabled = true; });
    styled.forEach(function (e) { e.removeAttribute("style"); });
    try {
      blocks.forEach(function (b) {
        if (!rendered(b)) problems.push("shown with CSS, missing without it: " + describe(b));
      });
      var h1 = content.querySelector("h1") || document.querySelector("h1");
      var links = Array.prototype.filter.call(document.querySelectorAll("a[href]"), rendered);
      if (!h1 || !rendered(h1)) {
        problems.push("no main heading without CSS");
      } else {
        var first = links[0];
        if (!first || !first.matches(".md-skip, [href^='#']") || !(first.compareDocumentPosition(h1) & Node.DOCUMENT_POSITION_FOLLOWING)) {
          problems.push("without CSS the first link is not a skip link before the main heading: " + describe(first));
        }
        Array.prototype.forEach.call(document.querySelectorAll("ul, ol"), function (list) {
          var n = list.querySelectorAll("a[href]").length;
          if (n > 10 && rendered(list) && (list.compareDocumentPosition(h1) & Node.DOCUMENT_POSITION_FOLLOWING)) {
            problems.push("without CSS a list of " + n + " links comes before the main heading: " + describe(list.closest("nav") || list));
          }
        });
        var y = h1.getBoundingClientRect().top + window.scrollY;
        if (y > 2 * window.innerHeight) {
          problems.push("without CSS the main heading starts " + Math.round(y) + " px down the page (more than two screens)");
        }
      }
    } finally {
      sheets.forEach(function (s) { s.disabled = false; });
      styled.forEach(function (e, i) { e.setAttribute("style", inline[i]); });
    }
    return problems;
  }

  /* 200 % zoom keeps all functions: the site navigation (the nav with the most links) is on screen, or the
     keyboard can open it. navigation() describes where things stand; tests/crawl.py presses the keys. */
  function siteNav() {
    var best = null, most = 0;
    Array.prototype.forEach.call(document.querySelectorAll("nav, [role=navigation]"), function (n) {
      if (n.parentElement && n.parentElement.closest("nav, [role=navigation]")) return;  // the outermost only
      var k = n.querySelectorAll("a[href]").length;
      if (k > most) { best = n; most = k; }
    });
    return best;
  }

  function navigation() {
    var nav = siteNav(), a = document.activeElement;
    if (!nav) return { links: 0 };
    var shown = Array.prototype.filter.call(nav.querySelectorAll("a[href]"), function (l) {
      if (!seen(l)) return false;
      var r = l.getBoundingClientRect();
      return r.right > 0 && r.left < window.innerWidth && r.width > 0;
    }).length;
    var controls = a && a.getAttribute && a.getAttribute("aria-controls");
    var target = controls && document.getElementById(controls);
    return {
      links: nav.querySelectorAll("a[href]").length,
      shown: shown,
      focused: a && a !== document.body ? describe(a) : null,
      focusSeen: !!(a && a !== document.body && seen(a) && a.getBoundingClientRect().right > 0 &&
        a.getBoundingClientRect().left < window.innerWidth),
      focusInNav: !!(a && nav.contains(a)),
      focusCovered: !!(a && a !== document.body && (function () {
        var r = a.getBoundingClientRect(), hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return !hit || !(hit === a || a.contains(hit) || hit.contains(a));
      })()),
      opensNav: !!(a && a.getAttribute("aria-expanded") === "false" && target && (target.contains(nav) || nav.contains(target)))
    };
  }

  // Start the keyboard from the top of the page, as after loading it.
  function focusStart() {
    if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
    window.scrollTo(0, 0);
    var b = document.body;
    b.setAttribute("tabindex", "-1");
    b.focus({ preventScroll: true });
    b.removeAttribute("tabindex");
  }

  /* 200 % zoom keeps all content: the text of the page's content is the same as at full width. */
  function contentText() {
    var c = document.querySelector(".md-content") || document.querySelector("main") || document.body;
    return (c.innerText || "").replace(/\s+/g, " ").trim();
  }

  return {
    reflow: reflow, clippedText: clippedText, setTextSpacing: setTextSpacing, focus: focus, targets: targets,
    withoutCss: withoutCss, contentText: contentText, tabSequence: tabSequence, describe: describe,
    freeze: freeze, navigation: navigation, focusStart: focusStart
  };
})();
