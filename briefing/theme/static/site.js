/* Reader enhancements. Every page works without them: notes are links, passages are anchors, the claims
   index lists everything search finds. Loaded in <head> without `defer` so the chosen theme applies before
   the first paint; the rest waits for the document. */
(function () {
  "use strict";

  var THEME_KEY = "briefing-theme";
  var root = document.documentElement;

  function stored() {
    try { return localStorage.getItem(THEME_KEY); } catch (e) { return null; }
  }
  function store(value) {
    try { localStorage.setItem(THEME_KEY, value); } catch (e) { /* private mode: the choice lasts this page */ }
  }
  function applyTheme(value) {
    if (value === "dark" || value === "light") root.setAttribute("data-theme", value);
  }
  applyTheme(stored());
  root.classList.add("js");

  var systemDark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function isDark() {
    var chosen = root.getAttribute("data-theme");
    return chosen ? chosen === "dark" : !!(systemDark && systemDark.matches);
  }

  function initTheme() {
    var button = document.querySelector(".theme-toggle");
    if (!button) return;
    function sync() { button.setAttribute("aria-pressed", String(isDark())); }
    button.hidden = false;
    sync();
    button.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      applyTheme(next);
      store(next);
      sync();
    });
    if (systemDark && systemDark.addEventListener) systemDark.addEventListener("change", sync);
    window.addEventListener("storage", function (event) {
      if (event.key === THEME_KEY) { applyTheme(event.newValue); sync(); }
    });
  }

  /* The navigation is <details> all the way down, so it works without this. The script opens the menu on wide
     screens (where it is a row) and, on narrow ones, opens the current page's section (or "More") when the menu
     opens; it closes an open section or menu on Escape (giving focus back to its button) and on a click or
     focus outside. */
  function initNav() {
    var menu = document.querySelector(".nav-menu");
    if (!menu) return;
    var wide = window.matchMedia ? window.matchMedia("(min-width: 48rem)") : { matches: true };
    function fit() { menu.open = wide.matches; }
    fit();
    if (wide.addEventListener) wide.addEventListener("change", fit);
    menu.addEventListener("toggle", function () {  // on a phone, the menu opens at the current page
      if (!menu.open || wide.matches) return;
      var current = menu.querySelector(".nav-group summary.current") || menu.querySelector(".nav-more summary");
      if (current) current.parentNode.open = true;
    });
    function folds() {  // what is open and folds away: the open section on a wide screen, else the menu
      return wide.matches ? menu.querySelector(".nav-group details[open]") : menu.open ? menu : null;
    }
    document.addEventListener("keydown", function (event) {
      var open = event.key === "Escape" && folds();
      if (!open) return;
      var inside = open.contains(document.activeElement);
      open.open = false;
      if (inside) open.querySelector("summary").focus();
    });
    function leave(event) {
      var open = folds();
      if (open && event.target instanceof Node && !open.contains(event.target)) open.open = false;
    }
    document.addEventListener("pointerdown", leave);
    document.addEventListener("focusin", leave);
  }

  /* "On this page" is open beside the text on a wide screen and folded above it on a narrow one. The stylesheet
     shows it beside the text even when folded where the browser allows; this opens it where it does not. */
  function initToc() {
    var folds = document.querySelectorAll(".toc-fold");
    if (!folds.length || !window.matchMedia) return;
    var beside = window.matchMedia("(min-width: 66rem)");
    function fit() { folds.forEach(function (fold) { fold.open = beside.matches; }); }
    fit();
    if (beside.addEventListener) beside.addEventListener("change", fit);
  }

  /* Footnote previews. A mark cites one note or several ("1–6"); hovering or focusing it shows, in one
     preview, every note it cites as the notes list shows them (the notes list stays the page's own record).
     The preview is placed right after the mark in the document, so that when it is taller than the room on
     screen and scrolls, Tab from the mark reaches it. It closes when pointer and focus have left both, on
     Escape and on resize. On a touch screen the first tap on a mark opens its preview, the second follows it. */
  function initNotes() {
    var markers = document.querySelectorAll("a.noteref");
    if (!markers.length) return;
    var tip = document.createElement("div");
    tip.className = "note-preview";
    tip.id = "note-preview";
    tip.setAttribute("role", "group");
    tip.hidden = true;
    var owner = null;
    var timer = 0;
    var touch = false;       // the pointer now pressing a mark is a finger
    var wasOpen = false;     // ... and that mark's preview was already open when it pressed
    var refocusing = false;  // focus is being given back to the mark: do not reopen

    function notesOf(marker) {
      var id = decodeURIComponent(marker.hash.slice(1));  // "fn-3", or "page-x--fn-3" in the single-file edition
      var numbers = (marker.getAttribute("data-notes") || id.replace(/^.*\D/, "")).split(" ");
      return numbers.map(function (n) { return document.getElementById(id.replace(/\d+$/, n)); })
        .filter(Boolean);
    }

    function copyOf(note) {
      var copy = note.cloneNode(true);
      copy.querySelectorAll(".backlink").forEach(function (el) { el.remove(); });
      copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
      copy.querySelectorAll("a").forEach(function (a) {  // the preview is text: the notes keep the links
        var span = document.createElement("span");
        span.className = a.className;
        while (a.firstChild) span.appendChild(a.firstChild);
        a.replaceWith(span);
      });
      return copy;
    }

    function fill(marker, notes) {
      var title = document.createElement("p");
      title.className = "number";
      title.id = "note-preview-title";
      title.textContent = (notes.length > 1 ? "Notes " : "Note ") + marker.textContent;
      var list = document.createElement("ol");
      if (notes.length === 1) list.className = "single";
      notes.forEach(function (note) {
        var item = document.createElement("li");
        item.value = Number(note.id.replace(/^.*\D/, ""));
        var copy = copyOf(note);
        while (copy.firstChild) item.appendChild(copy.firstChild);
        list.appendChild(item);
      });
      tip.replaceChildren(title, list);
      tip.setAttribute("aria-labelledby", title.id);
    }

    /* Below the mark when it fits there, else above; when it fits neither, on the roomier side, scrolling. */
    function place(marker) {
      var box = marker.getBoundingClientRect();
      var width = document.documentElement.clientWidth;
      tip.style.maxHeight = "";
      tip.style.left = "0px";
      tip.style.top = "0px";
      var origin = tip.getBoundingClientRect();  // where left: 0, top: 0 is, whatever contains the preview
      var height = origin.height;
      var below = window.innerHeight - box.bottom - 16;
      var above = box.top - 16;
      var under = height <= below || (height > above && below >= above);
      var room = Math.max(under ? below : above, 160);
      if (height > room) {
        tip.style.maxHeight = room + "px";
        height = room;
      }
      var left = Math.max(8, Math.min(box.left - 24, width - origin.width - 8));
      var top = under ? box.bottom + 8 : box.top - 8 - height;
      tip.style.left = left - origin.left + "px";
      tip.style.top = top - origin.top + "px";
      if (tip.scrollHeight > tip.clientHeight + 1) tip.tabIndex = 0;  // scrolls: let the keyboard reach it
      else tip.removeAttribute("tabindex");
    }

    function show(marker) {
      var notes = notesOf(marker);
      if (!notes.length) return;
      clearTimeout(timer);
      if (owner !== marker || tip.hidden) {
        if (owner) owner.removeAttribute("aria-describedby");
        fill(marker, notes);
        (marker.closest("sup") || marker).after(tip);
        tip.hidden = false;
        tip.scrollTop = 0;
        owner = marker;
        marker.setAttribute("aria-describedby", tip.id);
        place(marker);
      }
    }

    function close() {
      clearTimeout(timer);
      tip.hidden = true;
      tip.removeAttribute("tabindex");
      if (owner) owner.removeAttribute("aria-describedby");
      owner = null;
    }

    function hide(delay) {
      clearTimeout(timer);
      timer = setTimeout(close, delay);
    }

    function within(node) { return !!node && (node === owner || tip.contains(node)); }

    markers.forEach(function (marker) {
      marker.addEventListener("mouseenter", function () { show(marker); });
      marker.addEventListener("mouseleave", function () { hide(250); });
      marker.addEventListener("focus", function () { if (!refocusing) show(marker); });
      marker.addEventListener("blur", function (event) { if (!within(event.relatedTarget)) hide(0); });
      marker.addEventListener("pointerdown", function (event) {
        touch = event.pointerType === "touch";
        wasOpen = owner === marker && !tip.hidden;
      });
      marker.addEventListener("click", function (event) {
        if (touch && !wasOpen) {  // a first tap reads the notes; a second one goes to them
          event.preventDefault();
          show(marker);
        } else {
          close();
        }
        touch = wasOpen = false;
      });
    });
    tip.addEventListener("mouseenter", function () { clearTimeout(timer); });
    tip.addEventListener("mouseleave", function () { hide(250); });
    tip.addEventListener("focusout", function (event) { if (!within(event.relatedTarget)) hide(0); });
    document.addEventListener("pointerdown", function (event) {
      if (!tip.hidden && !within(event.target) && !(event.target.closest && event.target.closest("a.noteref"))) close();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || tip.hidden) return;
      var marker = owner;
      var inside = tip.contains(document.activeElement);
      close();
      if (inside && marker) {
        refocusing = true;
        marker.focus();
        refocusing = false;
      }
    });
    var shown = window.innerWidth;  // phones resize the window's height as the address bar hides: not a resize
    window.addEventListener("resize", function () {
      if (!tip.hidden && window.innerWidth !== shown) close();
      shown = window.innerWidth;
    });
  }

  /* Source pages: the passage named in the address (#claim-<id>) is marked current, wherever its segments are,
     and a card after it says what the claim is and where it is cited. Clicking a passage selects it.
     Ids may carry a prefix (the single-file edition prefixes each page's), so they are matched at the end. */
  function initPassages() {
    if (!document.querySelector(".seed")) return;
    var card = document.createElement("aside");
    card.className = "passage-card";
    card.setAttribute("aria-label", "Selected passage");
    card.hidden = true;

    function target() {
      var id = decodeURIComponent(location.hash.slice(1));
      var match = /^(.*?)claim-([a-z0-9-]+)$/.exec(id);
      var element = match && document.getElementById(id);
      var seed = element && element.closest(".seed");
      return seed ? { prefix: match[1], claim: match[2], seed: seed } : null;
    }

    function describe(at, last) {
      var entry = document.getElementById(at.prefix + "c-" + at.claim);
      if (!entry) { card.hidden = true; return; }
      var copy = entry.cloneNode(true);
      var meta = copy.querySelector(".claim-meta");
      if (meta) meta.remove();
      var label = document.createElement("span");
      label.className = "label";
      label.textContent = "Claim " + (Array.prototype.indexOf.call(entry.parentNode.children, entry) + 1) + " ";
      var text = document.createElement("p");
      text.appendChild(label);
      while (copy.firstChild) text.appendChild(copy.firstChild);
      var links = document.createElement("p");
      links.className = "claim-meta";
      var original = entry.querySelector(".claim-meta");
      if (original) {
        original.childNodes.forEach(function (node, i) {
          if (i === 0 && node.nodeName === "A") return;  // "Passage, line n": this very place
          links.appendChild(node.cloneNode(true));
        });
      }
      var first = links.firstChild;
      // Without its first link, the list reads " · p. 3 of the PDF · cited on …": drop the leading separator.
      if (first && first.nodeType === 3) first.textContent = first.textContent.replace(/^\s*·\s*/, "").replace(/^c/, "C");
      if (first && first.nodeType === 3 && !first.textContent) first.remove();
      var toEntry = document.createElement("a");
      toEntry.href = "#" + entry.id;
      toEntry.textContent = "its entry in the claims list";
      links.append(" · see ", toEntry);
      card.replaceChildren(text, links);
      var next = last.nextSibling;  // after the end of the passage's last line, so the text reads on
      while (next && !(next.nodeType === 1 && next.classList.contains("ln"))) next = next.nextSibling;
      last.parentNode.insertBefore(card, next);
      card.hidden = false;
    }

    function select(scroll) {
      document.querySelectorAll(".seed mark.current").forEach(function (m) { m.classList.remove("current"); });
      var at = target();
      var marks = at ? at.seed.querySelectorAll('mark[data-c~="' + CSS.escape(at.claim) + '"]') : [];
      if (!marks.length) { card.hidden = true; return; }
      marks.forEach(function (m) { m.classList.add("current"); });
      describe(at, marks[marks.length - 1]);
      if (scroll) marks[0].scrollIntoView({ block: "center" });
    }

    document.addEventListener("click", function (event) {
      var mark = event.target.closest && event.target.closest(".seed mark[data-c]");
      if (!mark || String(window.getSelection())) return;
      var seed = mark.closest(".seed");
      var line = seed.querySelector(".ln[id]");
      var prefix = line ? line.id.replace(/L\d+$/, "") : "";  // the seed's ids share the page's prefix
      var at = target();
      var claims = mark.getAttribute("data-c").split(" ");
      var next = claims[(claims.indexOf(at && at.seed === seed ? at.claim : "") + 1) % claims.length];
      history.replaceState(null, "", "#" + prefix + "claim-" + next);
      select(false);
    });
    window.addEventListener("hashchange", function () { select(true); });
    select(true);
    // The browser scrolls to the fragment itself once the page has loaded; centre the passage after it.
    window.addEventListener("load", function () {
      var current = document.querySelector(".seed mark.current");
      if (current && window.scrollY > 0) current.scrollIntoView({ block: "center" });
    });
  }

  /* Search terms. Numbers are matched as readers type them: "$290M", "290 million" and "290" all find
     "$290 million". Currency and percent signs are not terms; a unit letter after a number is its word ("290M",
     "2bn": "290 million", "2 billion"); thousands separators go ("1,000": "1000"). A query also drops the
     currency and percent words that stand next to a number ("290 million dollars", "40 percent"), so that it
     finds the figure however the text writes its unit. Numbers match whole, never as the start of another. */
  var READING_ORDER = 0.1;  // how much coming first in the briefing adds to a page's search rank (see ranked)
  var UNITS = { k: "thousand", m: "million", mn: "million", b: "billion", bn: "billion", tn: "trillion" };
  var UNIT_WORDS = /^(thousand|million|billion|trillion)$/;
  var CURRENCY_WORDS = /^(us|usd|dollars?|eur|euros?|yuan|rmb|cny|gbp|pounds?|percent|pct)$/;
  var TOKEN = /(\p{N}+(?:[.,]\p{N}+)*)(\p{L}*)|\p{L}[\p{L}\p{N}]*/gu;

  function words(text) {
    var out = [];
    String(text).replace(/\bper cent\b/gi, "percent").replace(TOKEN, function (all, number, letters) {
      if (!number) { out.push(all); return all; }
      var unit = UNITS[letters.toLowerCase()];
      if (letters && !unit) { out.push(all); return all; }  // "3D", "4o": a name, not a figure
      if (/^\p{N}{1,3}(,\p{N}{3})+(\.\p{N}+)?$/u.test(number)) out.push(number.replace(/,/g, ""));
      else out.push.apply(out, number.split(","));
      if (unit) out.push(unit);
      return all;
    });
    return out;
  }

  function isNumber(term) { return /^\p{N}/u.test(term); }
  function wordy(term) { return !isNumber(term); }

  function queryWords(text) {
    var terms = words(text);
    return terms.filter(function (term, i) {
      var near = function (j) { return j >= 0 && j < terms.length && (isNumber(terms[j]) || UNIT_WORDS.test(terms[j].toLowerCase())); };
      return !(CURRENCY_WORDS.test(term.toLowerCase()) && (near(i - 1) || near(i + 1)));
    });
  }

  /* Search: the index and the library load when the reader first focuses the box, never before. */
  function initSearch() {
    var box = document.querySelector(".site-search");
    if (!box) return;
    var input = box.querySelector("input");
    var list = box.querySelector("[role=listbox]");
    var status = box.querySelector("[aria-live]");
    var engine = null;
    var pageEngine = null;
    var tops = {};  // page URL -> the record of the page's opening (before its first heading)
    var positions = {};  // page URL -> its place in the briefing's order (the index lists pages in that order)
    var state = "idle";
    var results = [];
    var active = -1;
    box.hidden = false;

    function load() {
      if (state !== "idle") return;
      state = "loading";
      var loaded = 0;
      [box.getAttribute("data-library"), box.getAttribute("data-index")].forEach(function (src) {
        var script = document.createElement("script");
        script.src = src;
        script.async = false;  // the library, then the index
        script.onload = function () { if (++loaded === 2) ready(); };
        script.onerror = function () { state = "failed"; status.textContent = "Search could not be loaded."; };
        document.head.appendChild(script);
      });
    }

    function ready() {
      var docs = window.SEARCH_DOCS || [];
      var options = {
        storeFields: ["k", "t", "c", "x", "u", "p"],
        tokenize: words,
        searchOptions: {
          boost: { t: 3, c: 1.5, m: 1.5 }, prefix: wordy, combineWith: "AND", tokenize: queryWords,
          fuzzy: function (term) { return wordy(term) && term.length > 4 ? 0.2 : false; }
        }
      };
      engine = new window.MiniSearch(Object.assign({ fields: ["t", "c", "m", "x"] }, options));
      engine.addAll(docs);
      // Each briefing page as one document too, all its sections together: it ranks the pages (see ranked).
      var pages = {};
      docs.forEach(function (doc) {
        if (doc.k !== "Page") return;
        var url = doc.u.split("#")[0];
        var page = pages[url] || (pages[url] = { id: url, k: "Page", t: "", x: "", m: "", u: url });
        if (doc.u === url) { page.t = doc.t; page.top = doc; }
        else page.x += " " + doc.t;
        page.x += " " + doc.x;
        page.m += " " + (doc.m || "");
      });
      pageEngine = new window.MiniSearch(Object.assign({ fields: ["t", "m", "x"] }, options));
      pageEngine.addAll(Object.keys(pages).map(function (url) { return pages[url]; }));
      tops = {};
      positions = {};
      Object.keys(pages).forEach(function (url, i) { tops[url] = pages[url].top; positions[url] = i; });
      state = "ready";
      run();
    }

    function siteUrl(path) {
      var base = new URL(box.getAttribute("data-root"), location.href);
      base.pathname = base.pathname.replace(/index\.html$/, "");
      var parts = path.split("#");
      var file = parts[0];
      if (location.protocol === "file:" && (file === "" || /\/$/.test(file))) file += "index.html";
      var url = new URL(file, base);
      url.hash = parts[1] || "";
      return url.href;
    }

    /* About `limit` characters of `text` around the first word the search matched, cut at spaces. */
    function excerpt(text, terms, limit) {
      if (text.length <= limit) return text;
      var lower = text.toLowerCase();
      var at = -1;
      terms.forEach(function (term) {
        var found = lower.search(new RegExp("(^|[^\\p{L}\\p{N}])" + termPattern(term), "u"));
        if (found >= 0 && (at < 0 || found < at)) at = found;
      });
      var start = at < 0 ? 0 : Math.max(0, Math.min(at - 40, text.length - limit));
      var space = start > 0 ? text.indexOf(" ", start) + 1 : 0;
      if (space > start && (at < 0 || space <= at)) start = space;
      var end = Math.min(text.length, start + limit);
      if (end < text.length) end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end;
      return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
    }

    /* The text as nodes, each word the search matched (or that starts with a matched prefix) in a <mark>. */
    function marked(text, terms) {
      var found = terms.filter(Boolean).sort(function (a, b) { return b.length - a.length; }).map(termPattern);
      if (!found.length) return [text];
      var pattern = new RegExp("(^|[^\\p{L}\\p{N}])(" + found.join("|") + ")", "giu");
      var nodes = [];
      var last = 0;
      text.replace(pattern, function (all, before, word, offset) {
        var from = offset + before.length;
        nodes.push(text.slice(last, from));
        var mark = document.createElement("mark");
        mark.textContent = word;
        nodes.push(mark);
        last = from + word.length;
        return all;
      });
      nodes.push(text.slice(last));
      return nodes;
    }

    function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

    /* How a matched term appears in the text: a word as the start of a word (prefix search), a number whole
       and perhaps with thousands separators (the term "1000" is "1,000" in the text). */
    function termPattern(term) {
      if (!isNumber(term)) return escapeRegExp(term);
      return escapeRegExp(term).replace(/\B(?=(\d{3})+(?!\d))/g, ",?") + "(?![\\p{N}])";
    }

    function option(doc, i) {
      var li = document.createElement("li");
      li.id = "search-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = doc.k;
      var title = document.createElement("span");
      title.className = "title";
      title.textContent = doc.t;
      var context = document.createElement("span");
      context.className = "context";
      var shown = doc.k === "Claim" ? "“" + doc.x + "”" : excerpt(doc.x, doc.terms || [], 140);
      context.append(doc.c && shown ? doc.c + " · " : doc.c || "");
      context.append.apply(context, marked(shown, doc.terms || []));
      li.append(kind, " ", title, context);
      if (doc.k === "Claim") {  // where the claim is used: the result leads to the first of these pages
        var cited = document.createElement("span");
        cited.className = "cited";
        cited.textContent = doc.p && doc.p.length ? "Cited on " + doc.p.join(", ") : "Not cited on a page: opens its passage";
        li.append(cited);
      }
      li.addEventListener("mousedown", function (event) { event.preventDefault(); });  // keep focus in the box
      li.addEventListener("click", function () { go(i); });
      return li;
    }

    /* Briefing pages first, one result per page, the pages ordered by how much of each is about the query:
       ranked as whole pages, so that the page about a subject comes before one that has a section on it; and,
       a briefing going from its story to analysis and reference, a page's rank gains up to a tenth for coming
       early, so that of two pages about as much about the query, the one telling the story leads. Each
       leads to its best-matching section (or its opening, when no one section has every word). Then sources,
       then claims, by relevance. Eight results at most, with room kept for the claims, which say where they
       are cited. */
    function ranked(found, pages) {
      var best = {};
      found.forEach(function (result) {
        var url = result.u.split("#")[0];
        if (result.k === "Page" && !best[url]) best[url] = result;
      });
      var last = Math.max(1, Object.keys(positions).length - 1);
      pages = pages.map(function (page) {  // of two pages about as much about it, the one that comes first
        return { page: page, score: page.score * (1 + READING_ORDER * (1 - positions[page.id] / last)) };
      }).sort(function (a, b) { return b.score - a.score; }).map(function (entry) { return entry.page; });
      var shown = pages.map(function (page) {
        return best[page.id] || Object.assign({}, tops[page.id], { terms: page.terms, score: page.score });
      }).filter(function (result) { return result.u !== undefined; });
      var rest = found.filter(function (r) { return r.k === "Source"; })
        .concat(found.filter(function (r) { return r.k !== "Page" && r.k !== "Source"; }));
      return shown.slice(0, rest.length ? 5 : 8).concat(rest).slice(0, 8);
    }

    function open(show) {
      list.hidden = !show;
      input.setAttribute("aria-expanded", String(show));
      if (!show) { input.removeAttribute("aria-activedescendant"); active = -1; }
    }

    function run() {
      var query = input.value.trim();
      if (!query) { results = []; list.replaceChildren(); open(false); status.textContent = ""; return; }
      if (state !== "ready") { load(); return; }
      // Typos are forgiven only when nothing matches as typed: a fuzzy match on a frequent word
      // ("companies" for "compares") would otherwise push the exact one out of the list.
      var exact = { fuzzy: false };
      var found = engine.search(query, exact);
      if (!found.length) exact = {};  // nothing as typed: forgive typos, in both indexes
      results = ranked(exact.fuzzy === false ? found : engine.search(query), pageEngine.search(query, exact));
      list.replaceChildren.apply(list, results.map(option));
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!results.length) {
        var none = document.createElement("li");
        none.className = "empty";
        none.setAttribute("role", "option");
        none.setAttribute("aria-disabled", "true");
        none.setAttribute("aria-selected", "false");
        none.textContent = "Nothing found for “" + query + "”";
        list.replaceChildren(none);
      }
      open(true);
      status.textContent = results.length ? results.length + (results.length === 1 ? " result" : " results") +
        "; use the arrow keys to choose" : "No results";
    }

    function highlight(i) {
      var options = list.querySelectorAll("[role=option]:not([aria-disabled])");
      if (!options.length) return;
      active = (i + options.length) % options.length;
      options.forEach(function (o, n) { o.setAttribute("aria-selected", String(n === active)); });
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    function go(i) {
      var doc = results[i];
      if (!doc) return;
      open(false);
      location.href = siteUrl(doc.u);
    }

    input.addEventListener("focus", load);
    input.addEventListener("input", run);
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) run();
        if (results.length) highlight(active + (event.key === "ArrowDown" ? 1 : active < 0 ? 0 : -1));
      } else if (event.key === "Enter") {
        if (results.length) { event.preventDefault(); go(active < 0 ? 0 : active); }
      } else if (event.key === "Escape") {
        if (!list.hidden) { event.preventDefault(); open(false); }
        else if (input.value) { event.preventDefault(); input.value = ""; run(); }
      }
    });
    input.addEventListener("blur", function () { open(false); });
    document.addEventListener("keydown", function (event) {
      var t = event.target;
      if (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey &&
          !(t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)))) {
        event.preventDefault();
        input.focus();
      }
    });
  }

  function start() {
    initTheme();
    initNav();
    initToc();
    initSearch();
    initNotes();
    initPassages();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
