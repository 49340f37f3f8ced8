/* Povej! — search in the current language, offline, in pieces (search.py says how the index is split): a page
   from file:// cannot fetch, but it can load scripts, so a query loads the word pieces of its words and the
   document pieces of the results it shows. Diacritics are ignored (zaupas finds zaupaš) and a word finds every
   word it begins (skrivnost finds skrivnosti). What matches in its title or summary comes first; in each
   tier lessons and guides come first, then pages, then the glossary. */
(function () {
  "use strict";
  var page = document.querySelector(".search-page");
  if (!page) { return; }
  var base = page.getAttribute("data-index");
  var lang = document.documentElement.lang;
  var list = page.querySelector(".search-results");
  var status = page.querySelector(".search-status");
  var more = page.querySelector(".search-more");
  var input = document.getElementById("search-q");
  var kinds = JSON.parse(page.getAttribute("data-label-kinds"));
  var found = JSON.parse(page.getAttribute("data-label-found"));
  var GROUP = { lesson: 0, guide: 0, page: 1, term: 2 };
  var STEP = 20;
  var S = window.POVEJ_SEARCH = {
    info: null, words: {}, docs: {},
    meta: function (info) { S.info = info; },
    shard: function (key, words) { S.words[key] = words; },
    documents: function (number, docs) { S.docs[number] = docs; }
  };
  var loading = {};
  var results = [], terms = [], shown = 0, latest = 0;

  function load(name, ready) {
    if (!loading[name]) {
      loading[name] = [];
      var script = document.createElement("script");
      script.src = base + name;
      script.onload = script.onerror = function () {
        var waiting = loading[name];
        loading[name] = true;
        waiting.forEach(function (call) { call(); });
      };
      document.head.appendChild(script);
    }
    if (loading[name] === true) { ready(); } else { loading[name].push(ready); }
  }
  function loadAll(names, ready) {
    var left = names.length;
    if (!left) { ready(); return; }
    names.forEach(function (name) { load(name, function () { left -= 1; if (!left) { ready(); } }); });
  }
  function fold(text) { return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  function wordsOf(text) { return fold(text).match(/[\p{L}\p{N}]{2,}/gu) || []; }
  function shardOf(word) { var key = word.slice(0, 2); return /^[a-z0-9]{1,2}$/.test(key) ? key : "_"; }
  function unique(items) { return items.filter(function (item, i) { return items.indexOf(item) === i; }); }
  function kindOf(number) {
    var kind = "";
    S.info.kinds.forEach(function (start) { if (number >= start[1]) { kind = start[0]; } });
    return kind;
  }
  function matches(term) {
    var best = {}, shard = S.words[shardOf(term)] || {};
    Object.keys(shard).forEach(function (word) {
      if (word.lastIndexOf(term, 0) !== 0) { return; }
      var postings = shard[word], exact = word === term ? 1 : 0;
      for (var i = 0; i < postings.length; i += 2) {
        var score = postings[i + 1] + exact;
        if (!(best[postings[i]] >= score)) { best[postings[i]] = score; }
      }
    });
    return best;
  }
  function search(query, done) {
    var words = unique(wordsOf(query));
    if (!words.length) { done([], words); return; }
    var pieces = unique(words.map(shardOf)).filter(function (key) { return S.info.shards.indexOf(key) >= 0; });
    loadAll(pieces.map(function (key) { return "t-" + key + ".js"; }), function () {
      var scores = null;
      words.forEach(function (word) {
        var mine = matches(word);
        if (scores === null) { scores = mine; return; }
        var both = {};
        Object.keys(scores).forEach(function (n) { if (n in mine) { both[n] = scores[n] + mine[n]; } });
        scores = both;
      });
      var numbers = Object.keys(scores).map(Number);
      // First what matches in its title or summary (so the list shows why), lessons and guides first in each.
      var shown = 3 * words.length;
      function tier(n) { return scores[n] >= shown ? 0 : 1; }
      numbers.sort(function (a, b) {
        return tier(a) - tier(b) || GROUP[kindOf(a)] - GROUP[kindOf(b)] || scores[b] - scores[a] || a - b;
      });
      done(numbers, words);
    });
  }
  function marked(text) {
    var out = document.createDocumentFragment(), last = 0, pattern = /[\p{L}\p{N}]+/gu, match;
    while ((match = pattern.exec(text))) {
      var word = fold(match[0]);
      if (!terms.some(function (term) { return word.lastIndexOf(term, 0) === 0; })) { continue; }
      out.appendChild(document.createTextNode(text.slice(last, match.index)));
      var mark = document.createElement("mark");
      mark.textContent = match[0];
      out.appendChild(mark);
      last = match.index + match[0].length;
    }
    out.appendChild(document.createTextNode(text.slice(last)));
    return out;
  }
  function item(doc) {
    var li = document.createElement("li");
    var title = document.createElement("h2");
    var link = document.createElement("a");
    link.href = doc.url;
    link.appendChild(marked(doc.title));
    title.appendChild(link);
    var meta = document.createElement("p");
    meta.className = "meta";
    var parts = [kinds[doc.kind] || doc.kind];
    if (doc.band) { parts.push(doc.band); }
    if (doc.duration) { parts.push(doc.duration + " " + page.getAttribute("data-label-minutes")); }
    meta.textContent = parts.join(" · ");
    var summary = document.createElement("p");
    summary.appendChild(marked(doc.summary));
    li.appendChild(title); li.appendChild(meta); li.appendChild(summary);
    return li;
  }
  function showMore() {
    var next = results.slice(shown, shown + STEP), chunk = S.info.chunk, asked = latest;
    var pieces = unique(next.map(function (n) { return Math.floor(n / chunk); }));
    loadAll(pieces.map(function (p) { return "d-" + p + ".js"; }), function () {
      if (asked !== latest) { return; }
      next.forEach(function (n) {
        var piece = S.docs[Math.floor(n / chunk)];
        if (piece) { list.appendChild(item(piece[n % chunk])); }
      });
      shown += next.length;
      more.hidden = shown >= results.length;
    });
  }
  function plural(n) {
    if (lang === "sl") {
      var rest = n % 100;
      return rest === 1 ? "one" : rest === 2 ? "two" : rest === 3 || rest === 4 ? "few" : "other";
    }
    return n === 1 ? "one" : "other";
  }
  function run(query) {
    latest += 1;
    var asked = latest;
    search(query, function (numbers, words) {
      if (asked !== latest) { return; }
      list.textContent = "";
      results = numbers; terms = words; shown = 0; more.hidden = true;
      if (!words.length) { status.textContent = ""; return; }
      status.textContent = numbers.length ? found[plural(numbers.length)].replace("{n}", numbers.length)
                                          : page.getAttribute("data-label-none");
      showMore();
    });
  }
  var query = new URLSearchParams(window.location.search).get("q") || "";
  load("meta.js", function () {
    if (!S.info) { return; }
    page.classList.add("js-search");
    more.addEventListener("click", showMore);
    if (input) {
      input.value = query;
      var timer = 0;
      input.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () { run(input.value); }, 250);
      });
    }
    run(query);
  });
}());
