/* Search (Pagefind). handbook.js loads this file when the reader first focuses the search box; then this
   file loads the index of the page's language (<html lang>). Nothing of either is downloaded before.
   Results come from the page's language; only when it has nothing are the other languages searched.

   A query is read as people type it, with the words of data/search.yaml (the build writes them into
   pagefind/kp-words/<lang>.json, src/kumppanuus/site/search.py):
   1. its words (letters and digits), a synonym group's phrase ("set up") kept together;
   2. stop words ("miten", "hur", "how") are left out, unless the query has nothing else;
   3. each word is looked up in the index's word list (pagefind/kp-words/<lang>/<two letters>.json), all
      compared without ä, ö, å: a word the index does not have is not searched (Pagefind would match the
      index word that is its longest beginning, even "s"); a Finnish word is also searched as its base
      form (pöydän: pöytä); a word of a synonym group also as the group's other words;
   4. each query word (with its other forms) is searched on its own, and a page's score adds up, for every
      query word it matches, the word's weight (a rarer word weighs more) times how well the page matches
      it: Pagefind's score relative to the best page for that word, and more when the word is in the
      page's title, a heading or its description (rank() below). A page that matches more of the query's
      words ranks higher, and its result links to the section where most of them are.
   When nothing is found, the results say so, offer the main entry points and the glossary, and look in
   the other languages' indexes: a page found there is linked with its language.
   Keyboard: "/" or "s" opens the search and Escape closes it (handbook.js); arrow keys move between
   results, Enter opens one. */
(function () {
  "use strict";
  var box = document.querySelector("[data-kp-search]");
  if (!box || box.hasAttribute("data-kp-ready")) return;
  box.setAttribute("data-kp-ready", "");
  var toggle = document.getElementById("__search");
  var input = document.getElementById("kp-search-input");
  var list = document.getElementById("kp-search-list");
  var meta = document.getElementById("kp-search-meta");
  var self = document.currentScript || document.querySelector('script[src$="assets/search.js"]');
  var root = new URL("../", self ? self.src : location.href);
  var LANGUAGES = ["fi", "sv", "en"];
  var lang = LANGUAGES.indexOf(document.documentElement.lang) >= 0 ? document.documentElement.lang : "fi";
  // How many letters Pagefind's stemmer may take off the end of a word (as STEM_CUT in search.py), and how
  // long an ending may be when a word not in the index is matched to a word that is.
  var STEM_CUT = { fi: 2, sv: 1, en: 1 };
  var ENDING = { fi: 6, sv: 4, en: 4 };
  var SYNONYM = 0.75;  // a page found by a synonym counts a little less than one with the word itself
  // Pagefind's ranking: long pages are not held against (pageLength, default 0.75: the handbook's answers
  // are on its long pages), and a word in the title or a heading adds a little to Pagefind's score (the
  // rest of that is BONUS in rank() below).
  var OPTIONS = { baseUrl: root.pathname, excerptLength: 22, noWorker: true,
    ranking: { pageLength: 0.3, metaWeights: { title: 1, headings: 0.5, description: 0.5 } } };
  var latest = 0;
  var pagefind = null;

  function fold(s) {
    return s.normalize("NFD").replace(/\p{Mn}/gu, "").toLowerCase();
  }

  function tokens(query) {
    return query.toLowerCase().replace(/[\u2019`]/g, "'").match(/[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu) || [];
  }

  function common(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  }

  function getJSON(path) {
    return fetch(new URL(path, root)).then(function (r) { return r.ok ? r.json() : {}; })
      .catch(function () { return {}; });
  }

  function load() {
    if (!pagefind) {
      // noWorker: Pagefind's worker script would be one more download (12 KB) for an index this small
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options(OPTIONS).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  // -- one language's words: stop words, synonyms, the word list ---------------------------------

  var states = {};
  function language(code) {
    if (!states[code]) {
      var s = { code: code, chunks: {}, searches: {} };
      s.ready = getJSON("pagefind/kp-words/" + code + ".json").then(function (data) {
        s.data = data;
        s.stop = new Set(data.stop || []);
        s.has = new Set(data.chunks || []);
        s.groups = (data.syn || []).map(function (g) {
          return { w: g.w, s: g.s, phrases: g.w.filter(function (m) { return m.indexOf(" ") > 0; })
            .map(function (m) { return m.split(" "); }) };
        });
        return s;
      });
      states[code] = s;
    }
    return states[code].ready;
  }

  // The index's words that begin with these two letters (without diacritics); null when there are none.
  function chunk(s, key) {
    if (!s.has.has(key)) return Promise.resolve(null);
    if (!s.chunks[key]) {
      s.chunks[key] = getJSON("pagefind/kp-words/" + s.code + "/" + encodeURIComponent(key) + ".json").then(function (c) {
        var forms = {};
        Object.keys(c.f || {}).forEach(function (form) { forms[fold(form)] = c.f[form]; });
        return { l: c.l || [], lf: (c.l || []).map(fold), f: forms };
      });
    }
    return s.chunks[key];
  }

  // A query word and a group's word (both without diacritics) are the same word when the query word
  // begins with the group's word, less a few letters at its end, and what is left is an ending:
  // "kutsukirjeen" and "kutsukirje", "startar" and "starta", "inviting" and "invite".
  function sameWord(code, word, member) {
    if (word === member) return true;
    var n = common(word, member);
    return n >= Math.max(Math.min(4, member.length), member.length - (code === "fi" ? 3 : 2)) &&
      word.length - n <= ENDING[code];
  }

  function groupOf(s, word, base, exact) {
    var bases = [word];
    if (base) bases.push(fold(base));
    for (var i = 0; i < s.groups.length; i++) {
      var g = s.groups[i];
      for (var j = 0; j < g.w.length; j++) {
        if (g.w[j].indexOf(" ") > 0) continue;
        if (bases.indexOf(g.w[j]) >= 0 || (!exact && sameWord(s.code, word, g.w[j]))) return g;
      }
    }
    return null;
  }

  // What to search for one query word: {alts: [{q, w}] (the word, its base form, its synonyms; w the
  // weight of a page found by it), group: its synonym group or null}.
  function lookup(s, unit) {
    var word = unit.words[0], fw = fold(word);
    if (/^\p{N}+$/u.test(fw)) return Promise.resolve({ alts: [{ q: word, w: 1 }], group: null });  // numbers: as typed
    return chunk(s, fw.slice(0, 2)).then(function (c) {
      var alts = [], base = null, lemma = false;
      if (c) {
        var start = fw.length <= 3 ? fw : fw.slice(0, Math.max(3, fw.length - STEM_CUT[s.code]));
        var direct = c.lf.some(function (v) { return v.indexOf(start) === 0; });
        if (direct) alts.push({ q: word, w: 1 });
        if (c.f[fw]) {  // Finnish: the base form of a form in the content
          base = c.f[fw];
          lemma = true;
        } else if (!direct) {
          // not in the index: the word it shares the longest beginning with, when only an ending separates them
          var best = -1, bestLen = 0;
          c.lf.forEach(function (v, i) {
            var n = common(v, fw);
            if (n >= 4 && n >= v.length - STEM_CUT[s.code] && fw.length - n <= ENDING[s.code] &&
                (n > bestLen || (n === bestLen && v.length < c.lf[best].length))) { best = i; bestLen = n; }
          });
          if (best >= 0) base = c.l[best];
        }
        // a word found only by its beginning weighs less than one the index has
        if (base && fold(base) !== fw) alts.push({ q: base, w: lemma || direct ? 1 : SYNONYM });
      }
      var group = groupOf(s, fw, base, lemma);
      if (group) synonyms(s, alts, group, []);
      return { alts: alts, group: group };
    });
  }

  // A group's words worth searching (those the index has); the words the reader typed weigh fully.
  function synonyms(s, alts, group, typed) {
    group.s.forEach(function (m) {
      var parts = fold(m).split(" ");
      var q = parts.length > 1 ? '"' + m + '"' : m;  // a phrase: its words in this order
      var own = parts.length === typed.length && parts.every(function (p, k) { return sameWord(s.code, fold(typed[k]), p); });
      if (!alts.some(function (a) { return fold(a.q) === fold(q); })) alts.push({ q: q, w: own ? 1 : SYNONYM });
    });
  }

  // The query's units: a group's phrase, or one word; stop words left out unless nothing else is left.
  function units(s, query) {
    var words = tokens(query), out = [], i = 0;
    while (i < words.length) {
      var found = null;
      s.groups.forEach(function (g) {
        g.phrases.forEach(function (p) {
          if ((!found || p.length > found.p.length) && i + p.length <= words.length &&
              p.every(function (m, k) { return sameWord(s.code, fold(words[i + k]), m); })) found = { p: p, g: g };
        });
      });
      if (found) {
        out.push({ words: words.slice(i, i + found.p.length), group: found.g });
        i += found.p.length;
      } else {
        out.push({ words: [words[i]], stop: s.stop.has(fold(words[i])) });
        i++;
      }
    }
    var content = out.filter(function (u) { return !u.stop; });
    return content.length ? content : out;
  }

  // Every unit's searches; units that come to the same synonym group are one ("aloitan ... perustaa").
  function concepts(s, query) {
    return Promise.all(units(s, query).map(function (u) {
      if (!u.group) return lookup(s, u);
      var alts = [];
      synonyms(s, alts, u.group, u.words);
      return { alts: alts, group: u.group };
    })).then(function (all) {
      var out = [], byGroup = [];
      all.forEach(function (c) {
        if (!c.alts.length) return;  // a word the index does not have
        var i = c.group ? byGroup.indexOf(c.group) : -1;
        if (i < 0) {
          out.push(c.alts);
          byGroup.push(c.group);
          return;
        }
        c.alts.forEach(function (a) {
          var same = out[i].filter(function (b) { return b.q === a.q; })[0];
          if (same) same.w = Math.max(same.w, a.w); else out[i].push(a);
        });
      });
      return out;
    });
  }

  // One Pagefind search, once per query string. A phrase ('"take part"') is searched as a phrase for
  // the pages that have its words in this order, as words for their scores (Pagefind scores every page
  // of a phrase search 1), and word by word for where they are: the phrase is in the title or a heading
  // only when each of its words is ("List of changes" is no heading for "memo list").
  function run(s, engine, q) {
    if (!s.searches[q]) {
      // a merged index (another language) answers with every language's pages: keep this language's
      var own = function (found) { return found.results.filter(function (r) { return r.id.indexOf(s.code + "_") === 0; }); };
      var words = q.slice(1, -1).split(" ");
      s.searches[q] = q.charAt(0) !== '"' ? engine.search(q).then(own) :
        Promise.all([q, words.join(" ")].concat(words).map(function (w) { return engine.search(w).then(own); }))
          .then(function (all) {
            var exact = {}, fields = {};
            all[0].forEach(function (r) { exact[r.id] = true; });
            all.slice(2).forEach(function (rs, i) {
              rs.forEach(function (r) {
                var f = r.matchedMetaFields || [];
                fields[r.id] = i === 0 ? f : (fields[r.id] || []).filter(function (x) { return f.indexOf(x) >= 0; });
              });
            });
            return all[1].filter(function (r) { return exact[r.id]; }).map(function (r) {
              return { id: r.id, score: r.score, matchedMetaFields: fields[r.id] || [], data: r.data };
            });
          });
    }
    return s.searches[q];
  }

  // Pages ranked by the query words they match. Each query word adds its weight, the idf of the pages
  // the word itself (or its base form) finds (a word on fewer pages weighs more), times how well the page
  // matches it, by the word or the synonym that gives the page most (a synonym counts 0.75): 0.3 for
  // matching at all, up to 0.7 more relative to the best page for that word (Pagefind's score), and more
  // when the word is in the page's title, a heading or the page's description (matchedMetaFields).
  var BONUS = { title: 0.5, headings: 0.5, description: 0.15 };
  function rank(s, engine, query) {
    return concepts(s, query).then(function (cs) {
      return Promise.all(cs.map(function (alts) {
        return Promise.all(alts.map(function (a) {
          return run(s, engine, a.q).then(function (rs) { return { a: a, rs: rs }; });
        }));
      }));
    }).then(function (per) {
      var total = Math.max(s.data.pages || 1, 1), pages = {};
      per.forEach(function (alts) {
        var own = {}, any = {}, best = {};
        alts.forEach(function (x) {
          x.rs.forEach(function (r) {
            any[r.id] = true;
            if (x.a.w === 1) own[r.id] = true;
          });
        });
        var df = Object.keys(own).length || Object.keys(any).length;
        if (!df) return;
        var idf = Math.log(1 + (total - df + 0.5) / (df + 0.5));
        alts.forEach(function (x) {
          var max = 0;
          x.rs.forEach(function (r) { max = Math.max(max, r.score); });
          x.rs.forEach(function (r) {
            var v = 0.3 + 0.7 * (max ? r.score / max : 1);
            (r.matchedMetaFields || []).forEach(function (f) { v += BONUS[f] || 0; });
            v *= x.a.w;
            if (!best[r.id] || best[r.id].v < v) best[r.id] = { v: v, r: r };
          });
        });
        Object.keys(best).forEach(function (id) {
          var p = pages[id] || (pages[id] = { id: id, score: 0, parts: [] });
          var gain = idf * best[id].v;
          p.score += gain;
          p.parts.push({ gain: gain, r: best[id].r });
        });
      });
      return Object.keys(pages).map(function (id) {
        pages[id].parts.sort(function (a, b) { return b.gain - a.gain; });
        return pages[id];
      }).sort(function (a, b) { return b.score - a.score; });
    });
  }

  // -- showing results -------------------------------------------------------------------------

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

  function cleanTitle(title) {
    return (title || "").split(/\s+/).filter(function (w) { return w.indexOf("\u2042") < 0; }).join(" ");
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

  // A page's text and the section to link to: the one where most of the query's words are (the words
  // that weigh most first), then the one where they weigh most (a heading's words far more than body
  // text's, Pagefind's balanced_score), then the one whose visible text shows the most hits. The excerpt
  // marks every query word found in that section.
  function pageData(item) {
    var parts = [];
    // one after another: Pagefind gives back the same object for a page each time, refilled
    return item.parts.reduce(function (chain, p) {
      return chain.then(function () { return p.r.data(); }).then(function (d) {
        var scores = {};
        (d.weighted_locations || []).forEach(function (l) { scores[l.location] = l.balanced_score; });
        parts.push({ gain: p.gain, subs: d.sub_results || [], scores: scores, excerpt: d.excerpt });
      });
    }, Promise.resolve()).then(function () {
      var data = item.parts[0].r.data();  // the page's own fields (url, meta, content) stay the same
      return data.then(function (d) {
        var sections = {}, order = [];
        parts.forEach(function (part) {
          part.subs.forEach(function (sub) {
            if (!(sub.locations || []).length) return;
            var e = sections[sub.url];
            if (!e) {
              e = sections[sub.url] = { sub: sub, gain: 0, weight: 0, hits: 0, scores: {} };
              order.push(e);
            }
            e.gain += part.gain;
            e.hits += visibleHits(sub.excerpt);
            sub.locations.forEach(function (l) {
              var v = part.scores[l] || 1;
              if (!(l in e.scores)) e.weight += v;
              e.scores[l] = Math.max(e.scores[l] || 0, v);
            });
          });
        });
        var best = null;
        order.forEach(function (e) {
          var diff = best ? e.gain - best.gain : 1;
          if (!best || diff > 1e-9 || (diff > -1e-9 && (e.weight > best.weight || (e.weight === best.weight && e.hits > best.hits)))) best = e;
        });
        return { data: d, best: best && best.sub, excerpt: best ? excerptAt(d.raw_content || "", best.scores) : parts[0].excerpt };
      });
    });
  }

  // The EXCERPT words around the densest run of found words (as Pagefind chooses), each found word marked.
  var EXCERPT = 22;
  function excerptAt(raw, scores) {
    var words = raw.split(/[\r\n\s]+/g);
    var locs = Object.keys(scores).map(Number).filter(function (l) { return (words[l] || "").indexOf("\u2042") < 0; })
      .sort(function (a, b) { return a - b; });
    if (!locs.length) return "";  // found only in index-only words: the page's description is shown
    var start = 0, densest = -1;
    locs.forEach(function (from) {
      var sum = 0;
      locs.forEach(function (l) { if (l >= from && l < from + EXCERPT) sum += scores[l]; });
      if (sum > densest) {
        densest = sum;
        start = Math.max(0, from - 2);
      }
    });
    var out = [];
    for (var i = start; i < Math.min(words.length, start + EXCERPT); i++) {
      out.push(locs.indexOf(i) >= 0 ? "<mark>" + words[i] + "</mark>" : words[i]);
    }
    return out.join(" ");
  }

  // Results are fetched five at a time: each one is a download (the page's text, for the excerpt).
  var PAGE = 5;
  var pending = [];
  var moreButton = null;
  var help = null;

  function showMore(focusFirst) {
    var batch = pending.splice(0, PAGE);
    var ticket = latest;
    return Promise.all(batch.map(pageData)).then(function (items) {
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
    items.forEach(function (item) {
      var data = item.data, best = item.best;
      var li = el("li", "md-search-result__item");
      var a = el("a", "md-search-result__link");
      a.href = best ? best.url : data.url;
      var article = el("article", "md-search-result__article md-typeset");
      var pageTitle = cleanTitle(data.meta && data.meta.title), sectionTitle = cleanTitle(best && best.title);
      var title = text(pageTitle || data.url);
      var section = sectionTitle && sectionTitle !== pageTitle ? " › " + text(sectionTitle) : "";
      article.appendChild(el("h2", null, title + section));
      var excerpt = clean(item.excerpt) || text(data.meta && data.meta.description || "");
      if (excerpt) article.appendChild(el("p", null, excerpt));
      a.appendChild(article);
      li.appendChild(a);
      list.appendChild(li);
      firstNew = firstNew || a;
    });
    return firstNew;
  }

  // -- when nothing is found --------------------------------------------------------------------

  function helpBlock() {
    if (!help) {
      help = el("div", "kp-search-help");
      list.parentNode.insertBefore(help, list.nextSibling);
    }
    return help;
  }

  function links(entries, prefix, code) {
    var ul = el("ul");
    entries.forEach(function (e) {
      var a = el("a");
      a.href = e.href || new URL(prefix + e.u, root).href;
      a.textContent = e.t;
      if (code) {
        a.lang = code;
        a.hreflang = code;
      }
      var li = el("li");
      li.appendChild(a);
      ul.appendChild(li);
    });
    return ul;
  }

  // The page's language has nothing: say so, offer the entry points and the glossary.
  function nothingFound(s) {
    var d = s.data, words = d.words || {}, block = helpBlock();
    block.textContent = "";
    if (words.nothing) block.appendChild(el("p", null, text(words.nothing)));
    if (d.entry) block.appendChild(links(d.entry, d.root || ""));
    if (d.glossary) {
      var p = el("p", null, text(words.glossary || "") + " ");
      p.appendChild(links([d.glossary], d.root || "").querySelector("a"));
      block.appendChild(p);
    }
  }

  // The other languages' indexes, merged into one Pagefind instance of their own (searched with the
  // page's language's WebAssembly); loaded only when the page's language had nothing.
  var others = null;
  function otherIndex() {
    if (!others) {
      others = load().then(function (pf) {
        var engine = pf.createInstance({ baseUrl: root.pathname, excerptLength: 22, noWorker: true });
        // the full address: Pagefind skips merging a path its primary index begins with
        var bundle = new URL("pagefind/", root).href;
        return engine.options({ ranking: OPTIONS.ranking }).then(function () {
          return Promise.all(LANGUAGES.filter(function (c) { return c !== lang; }).map(function (c) {
            return engine.mergeIndex(bundle, { language: c, baseUrl: root.pathname });
          }));
        }).then(function () { return engine; });
      });
    }
    return others;
  }

  function elsewhere(query, ticket) {
    var codes = LANGUAGES.filter(function (c) { return c !== lang; });
    return otherIndex().then(function (engine) {
      return Promise.all(codes.map(function (c) {
        return language(c).then(function (s) { return rank(s, engine, query); }).then(function (ranked) {
          return Promise.all(ranked.slice(0, 3).map(function (item) { return item.parts[0].r.data(); }));
        });
      }));
    }).then(function (found) {
      if (ticket !== latest) return;
      var words = states[lang].data.words || {}, block = helpBlock();
      found.forEach(function (datas, i) {
        if (!datas.length) return;
        var name = (words.langs || {})[codes[i]] || codes[i];
        block.appendChild(el("p", null, text((words.elsewhere || "{lang}:").replace("{lang}", name))));
        block.appendChild(links(datas.map(function (d) { return { t: cleanTitle(d.meta && d.meta.title) || d.url, href: d.url }; }), "", codes[i]));
      });
    }).catch(function () { /* the other languages are a help, not the answer: leave them out */ });
  }

  // -- the search box ---------------------------------------------------------------------------

  var timer = null;
  function search() {
    var query = input.value.trim();
    var ticket = ++latest;
    clearTimeout(timer);
    if (help) help.textContent = "";
    if (!query) {
      list.textContent = "";
      pending = [];
      updateMore();
      meta.textContent = box.dataset.placeholder;
      list.setAttribute("data-query", "");
      return;
    }
    meta.textContent = box.dataset.loading;
    timer = setTimeout(function () {
      Promise.all([load(), language(lang)]).then(function (loaded) {
        if (ticket !== latest) return null;
        return rank(loaded[1], loaded[0], query).then(function (results) {
          if (ticket !== latest) return null;
          meta.textContent = count(results.length);
          list.textContent = "";
          pending = results.slice();
          if (!results.length) {
            updateMore();
            nothingFound(loaded[1]);
            return elsewhere(query, ticket);
          }
          return showMore(false);
        });
      }).catch(function () {
        if (ticket === latest) meta.textContent = count(0);
      }).then(function () {
        if (ticket === latest) list.setAttribute("data-query", query);  // tells tests (and scripts) the list is up to date
      });
    }, 120);
  }

  function allLinks() {
    return Array.prototype.slice.call(box.querySelectorAll(".md-search-result a"));
  }

  input.addEventListener("input", search);
  box.querySelector("form").addEventListener("submit", function (e) {
    e.preventDefault();
    var first = allLinks()[0];
    if (first) first.focus();
  });
  box.querySelector("form").addEventListener("reset", function () {
    setTimeout(search, 0);
    input.focus();
  });
  document.addEventListener("keydown", function (e) {
    if (!box.contains(document.activeElement) || (e.key !== "ArrowDown" && e.key !== "ArrowUp")) return;
    var all = allLinks();
    if (!all.length) return;
    e.preventDefault();
    var i = all.indexOf(document.activeElement);
    if (e.key === "ArrowDown") i = i < 0 ? 0 : Math.min(i + 1, all.length - 1);
    else i = i <= 0 ? -1 : i - 1;
    if (i < 0) input.focus(); else all[i].focus();
  });
  load();
  language(lang);
  // the reader may have typed while this file loaded, or come with /?q=... (handbook.js put it in the box)
  if (input.value.trim()) search();
  if (toggle && !toggle.checked && document.activeElement === input) {
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
  }
})();
