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

/* Search (Pagefind). The index of the page's language (<html lang>) is downloaded only when the
   reader focuses the search box; results come only from that language. Keyboard: "/" or "s" opens
   the search, arrow keys move between results, Enter opens one, Escape closes. */
(function () {
  "use strict";
  var box = document.querySelector("[data-kp-search]");
  if (!box) return;
  var toggle = document.getElementById("__search");
  var input = document.getElementById("kp-search-input");
  var list = document.getElementById("kp-search-list");
  var meta = document.getElementById("kp-search-meta");
  var script = document.querySelector('script[src$="assets/handbook.js"]');
  var root = new URL("../", script ? script.src : location.href);
  var pagefind = null;
  var latest = 0;

  function open(state) {
    if (toggle && toggle.checked !== state) {
      toggle.checked = state;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  function load() {
    if (!pagefind) {
      // noWorker: Pagefind's worker script would be one more download (12 KB) for an index this small
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname, excerptLength: 22, noWorker: true }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function count(n) {
    if (n === 0) return box.dataset.none;
    if (n === 1) return box.dataset.one;
    return box.dataset.other.replace("#", String(n));
  }

  // Index-only words (Finnish base forms and compound parts) carry a "\u2042" mark; never show them.
  function clean(excerpt) {
    var out = (excerpt || "").replace(/(<mark>)?[^\s<]*(<\/mark>)?[^\s<]*\u2042(<\/mark>)?/g, " ")
      .replace(/\s+/g, " ").trim();
    return out.replace(/<[^>]+>/g, "").trim() ? out : "";
  }

  function visibleHits(excerpt) {
    return (clean(excerpt).match(/<mark>/g) || []).length;
  }

  function el(tag, cls, html) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (html !== undefined) e.innerHTML = html;
    return e;
  }

  function text(s) {
    var d = document.createElement("div");
    d.textContent = s;
    return d.innerHTML;
  }

  // Results are fetched five at a time: each one is a download (the page's text, for the excerpt).
  var PAGE = 5;
  var pending = [];
  var moreButton = null;

  function showMore(focusFirst) {
    var batch = pending.splice(0, PAGE);
    var ticket = latest;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (items) {
      if (ticket !== latest) return;
      var firstNew = render(items);
      updateMore();
      if (focusFirst && firstNew) firstNew.focus();
    });
  }

  function updateMore() {
    if (!pending.length) {
      if (moreButton) moreButton.hidden = true;
      return;
    }
    if (!moreButton) {
      moreButton = el("button", "md-button kp-search-more");
      moreButton.type = "button";
      moreButton.addEventListener("click", function () { showMore(true); });
      list.parentNode.appendChild(moreButton);
    }
    moreButton.textContent = box.dataset.more.replace("#", String(pending.length));
    moreButton.hidden = false;
  }

  function render(items) {
    var firstNew = null;
    items.forEach(function (data) {
      // Link to the heading where the match is: the sub-result with the most hits.
      var best = null;
      // Prefer the section whose visible text shows the match; then the one with the most hits.
      var bestScore = -1;
      (data.sub_results || []).forEach(function (s) {
        var score = visibleHits(s.excerpt) * 1000 + (s.locations || []).length;
        if (score > bestScore) { best = s; bestScore = score; }
      });
      var li = el("li", "md-search-result__item");
      var a = el("a", "md-search-result__link");
      a.href = best ? best.url : data.url;
      var article = el("article", "md-search-result__article md-typeset");
      var title = text(data.meta && data.meta.title || data.url);
      var section = best && best.title && best.title !== (data.meta && data.meta.title) ? " › " + text(best.title) : "";
      article.appendChild(el("h2", null, title + section));
      var excerpt = clean(best ? best.excerpt : data.excerpt) || clean(data.excerpt) ||
        text(data.meta && data.meta.description || "");
      if (excerpt) article.appendChild(el("p", null, excerpt));
      a.appendChild(article);
      li.appendChild(a);
      list.appendChild(li);
      firstNew = firstNew || a;
    });
    return firstNew;
  }

  // Finnish: the base form of each query word, from the build's table of the content's word forms
  // (pagefind/kp-lemmas/fi/<two letters>.json). Consonant gradation defeats stemming (pöydän/pöytä).
  var lemmaChunks = {};
  function lemmas(words) {
    if (document.documentElement.lang !== "fi") return Promise.resolve({});
    return Promise.all(words.map(function (w) {
      var key = w.slice(0, 2);
      if (w.length < 4) return null;
      if (!lemmaChunks[key]) {
        lemmaChunks[key] = fetch(new URL("pagefind/kp-lemmas/fi/" + encodeURIComponent(key) + ".json", root))
          .then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; });
      }
      return lemmaChunks[key];
    })).then(function (tables) {
      var out = {};
      words.forEach(function (w, i) {
        var t = tables[i];
        if (!t) return;
        if (t.f && t.f[w]) { out[w] = t.f[w]; return; }
        // not in the content: the base form that differs from the word only in its ending
        var best = null, bestLen = 0;
        (t.l || []).forEach(function (base) {
          var n = 0;
          while (n < base.length && n < w.length && base[n] === w[n]) n++;
          if (n >= 4 && n >= base.length - 2 && n >= w.length - 5 && n > bestLen) { best = base; bestLen = n; }
        });
        if (best && best !== w) out[w] = best;
      });
      return out;
    });
  }

  function search() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) {
      list.textContent = "";
      pending = [];
      updateMore();
      meta.textContent = box.dataset.placeholder;
      return;
    }
    meta.textContent = box.dataset.loading;
    var words = query.toLowerCase().split(/\s+/);
    var pf;
    load().then(function (p) {
      pf = p;
      return pf.debouncedSearch(query, {}, 120);
    }).then(function (first) {
      if (first === null || ticket !== latest) return null;
      return lemmas(words).then(function (found) {
        var alt = words.map(function (w) { return found[w] || w; }).join(" ");
        if (alt === words.join(" ")) return first.results;
        return pf.search(alt).then(function (second) {
          // union of both searches, each page once, with its better score
          var byId = {};
          first.results.concat(second.results).forEach(function (r) {
            if (!byId[r.id] || byId[r.id].score < r.score) byId[r.id] = r;
          });
          return Object.keys(byId).map(function (k) { return byId[k]; })
            .sort(function (a, b) { return b.score - a.score; });
        });
      });
    }).then(function (results) {
      if (!results || ticket !== latest) return null;
      meta.textContent = count(results.length);
      list.textContent = "";
      pending = results.slice();
      return showMore(false).then(function () {
        if (ticket === latest) list.setAttribute("data-query", query);  // tells tests (and scripts) the list is up to date
      });
    });
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  input.addEventListener("focus", function () { open(true); load(); });
  input.addEventListener("input", search);
  box.querySelector("form").addEventListener("submit", function (e) {
    e.preventDefault();
    var first = links()[0];
    if (first) first.focus();
  });
  box.querySelector("form").addEventListener("reset", function () {
    setTimeout(search, 0);
    input.focus();
  });
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked && document.activeElement !== input) input.focus();
    });
  }

  document.addEventListener("keydown", function (e) {
    var inSearch = box.contains(document.activeElement);
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName) ||
      document.activeElement.isContentEditable;
    if (!inSearch && !typing && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === "/" || e.key === "s")) {
      e.preventDefault();
      open(true);
      input.focus();
      return;
    }
    if (!inSearch) return;
    if (e.key === "Escape") {
      open(false);
      input.blur();
      return;
    }
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      var all = links();
      if (!all.length) return;
      e.preventDefault();
      var i = all.indexOf(document.activeElement);
      if (e.key === "ArrowDown") i = i < 0 ? 0 : Math.min(i + 1, all.length - 1);
      else i = i <= 0 ? -1 : i - 1;
      if (i < 0) input.focus(); else all[i].focus();
    }
  });

  // /?q=... (the 404 page's search box, or a shared link) opens the search with the query.
  var q = new URLSearchParams(location.search).get("q");
  if (q) {
    input.value = q;
    open(true);
    input.focus();
    search();
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
    document.querySelectorAll(".md-content a[href]:not(.headerlink)").forEach(function (a) {
      // in-page links (#...) need no address on paper
      if ((a.getAttribute("href") || "").charAt(0) !== "#") a.setAttribute("data-print-href", a.href);
    });
  });
})();
