/* Povej! — search in the current language, offline: the index is a script (file:// pages cannot fetch),
   the engine is MiniSearch. Diacritics are ignored (zaupas finds zaupaš) and words match by prefix,
   so Slovene inflected forms are found (skrivnost finds skrivnosti). */
(function () {
  "use strict";
  var page = document.querySelector(".search-page");
  if (!page || !window.MiniSearch || !window.POVEJ_SEARCH) { return; }
  page.classList.add("js-search");
  var kinds = JSON.parse(page.getAttribute("data-label-kinds"));
  var list = page.querySelector(".search-results");
  var input = document.getElementById("search-q");
  function fold(term) {
    return term.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var engine = new window.MiniSearch({
    fields: ["title", "summary", "text"],
    storeFields: ["title", "summary", "kind", "band", "duration", "url"],
    processTerm: fold,
    searchOptions: { prefix: true, fuzzy: 0.15, boost: { title: 3, summary: 2 }, combineWith: "AND" }
  });
  engine.addAll(window.POVEJ_SEARCH.documents);

  function item(result) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = result.url;
    link.textContent = result.title;
    var meta = document.createElement("p");
    meta.className = "meta";
    var parts = [kinds[result.kind] || result.kind];
    if (result.band) { parts.push(result.band); }
    if (result.duration) { parts.push(result.duration + " " + page.getAttribute("data-label-minutes")); }
    meta.textContent = parts.join(" · ");
    var summary = document.createElement("p");
    summary.textContent = result.summary;
    var title = document.createElement("h2");
    title.appendChild(link);
    li.appendChild(title); li.appendChild(meta); li.appendChild(summary);
    return li;
  }
  function run(query) {
    list.textContent = "";
    if (!query.trim()) { return; }
    var results = engine.search(query);
    if (!results.length) {
      var none = document.createElement("li");
      none.textContent = page.getAttribute("data-label-none");
      list.appendChild(none);
      return;
    }
    results.slice(0, 30).forEach(function (result) { list.appendChild(item(result)); });
  }
  var query = new URLSearchParams(window.location.search).get("q") || "";
  if (input) {
    input.value = query;
    input.addEventListener("input", function () { run(input.value); });
  }
  run(query);
}());
