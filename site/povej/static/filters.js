/* Povej! — Find a lesson: with JavaScript, a filter of each group (age, topic, duration, audience) combines with
   the others. A choice that would find nothing is not offered (disabled); the count is said in a status line.
   Without JavaScript each filter is a page of its own (the links above). */
(function () {
  "use strict";
  var form = document.querySelector(".combine");
  if (!form) { return; }
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var items = Array.prototype.slice.call(form.querySelectorAll("[data-facets]"));
  var status = form.querySelector(".combine-status");
  var found = JSON.parse(form.getAttribute("data-label-found"));
  var lang = document.documentElement.lang;
  function facetsOf(item) { return item.getAttribute("data-facets").split(" "); }
  function matches(item, chosen) {
    var has = facetsOf(item);
    return chosen.every(function (facet) { return has.indexOf(facet) >= 0; });
  }
  function plural(n) {
    if (lang === "sl") {
      var rest = n % 100;
      return rest === 1 ? "one" : rest === 2 ? "two" : rest === 3 || rest === 4 ? "few" : "other";
    }
    return n === 1 ? "one" : "other";
  }
  function update() {
    var chosen = selects.map(function (s) { return s.value; }).filter(Boolean);
    var shown = 0;
    items.forEach(function (item) { item.hidden = !matches(item, chosen); shown += item.hidden ? 0 : 1; });
    selects.forEach(function (select) {
      var others = selects.filter(function (s) { return s !== select; }).map(function (s) { return s.value; })
        .filter(Boolean);
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) { return; }
        option.disabled = !items.some(function (item) { return matches(item, others.concat([option.value])); });
      });
    });
    status.textContent = found[plural(shown)].replace("{n}", shown);
  }
  form.hidden = false;
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  update();
}());
