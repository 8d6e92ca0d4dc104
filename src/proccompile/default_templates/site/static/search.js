// Offline search over window.PROCCOMPILE_INDEX (assets/search-index.js): every word typed must occur in a
// document's number, title or text. Plain substring matching, so Chinese text needs no word segmentation.
(function () {
  "use strict";
  var entries = window.PROCCOMPILE_INDEX || [];
  var input = document.getElementById("q");
  var list = document.getElementById("results");
  var count = document.getElementById("count");

  function normal(text) {
    return text.toLowerCase().replace(/\s+/g, " ");
  }

  function snippet(text, term) {
    var at = normal(text).indexOf(term);
    if (at < 0) {
      return "";
    }
    var start = Math.max(0, at - 30);
    return (start > 0 ? "…" : "") + text.slice(start, at + term.length + 50) + "…";
  }

  function show() {
    var terms = normal(input.value).trim().split(" ").filter(Boolean);
    list.textContent = "";
    if (terms.length === 0) {
      count.textContent = "";
      return;
    }
    var hits = entries.filter(function (entry) {
      var haystack = normal(entry.number + " " + entry.title + " " + entry.text);
      return terms.every(function (term) { return haystack.indexOf(term) >= 0; });
    });
    hits.forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = entry.url;
      link.textContent = (entry.number ? entry.number + " " : "") + entry.title;
      item.appendChild(link);
      if (entry.mark) {
        var mark = document.createElement("span");
        mark.className = "mark mark-" + entry.status;
        mark.textContent = entry.mark;
        item.appendChild(mark);
      }
      var context = document.createElement("span");
      context.className = "snippet";
      context.textContent = snippet(entry.text, terms[0]);
      item.appendChild(context);
      list.appendChild(item);
    });
    count.textContent = hits.length
      ? hits.length + " " + (hits.length === 1 ? count.dataset.result : count.dataset.results)
      : count.dataset.none;
  }

  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    input.value = query;
  }
  input.addEventListener("input", show);
  show();
})();
