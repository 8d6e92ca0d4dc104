// Added to every page by `proccompile serve` only (the site on disk never carries it): shows the latest
// check's findings (those of this page's file at the top of the page, all of them in a panel with
// file:line:col), reloads the page when the project changes, and tells the server which state it shows.
(function () {
  "use strict";
  var state = JSON.parse(document.getElementById("proccompile-live").textContent);
  var base = "/__proccompile/";

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function place(f) {
    return f.line ? f.path + ":" + f.line + ":" + f.col : f.path;
  }

  function item(f) {
    var li = el("li", "pc-live-" + f.severity);
    li.appendChild(el("code", "pc-live-place", place(f)));
    li.appendChild(document.createTextNode(" "));
    li.appendChild(el("b", null, f.code));
    li.appendChild(document.createTextNode(" " + f.message));
    if (f.help) li.appendChild(el("div", "pc-live-help", "help: " + f.help));
    return li;
  }

  function list(findings) {
    var ol = el("ol", "pc-live-list");
    findings.forEach(function (f) { ol.appendChild(item(f)); });
    return ol;
  }

  var errors = state.findings.filter(function (f) { return f.severity === "error"; }).length;
  var warnings = state.findings.length - errors;

  // This page's own file: its findings where a reader of the page sees them first.
  var mine = state.findings.filter(function (f) { return state.source && f.path === state.source; });
  if (mine.length) {
    var here = el("section", "pc-live-here");
    here.id = "proccompile-live-here";
    here.appendChild(el("h2", null, state.source + ": " + mine.length + " finding" + (mine.length === 1 ? "" : "s")));
    here.appendChild(list(mine));
    var main = document.querySelector("main");
    (main || document.body).insertBefore(here, (main || document.body).firstChild);
  }

  // Every finding of the project, with file:line:col, as `proccompile check` prints them.
  var panel = el("aside", "pc-live-panel" + (errors ? " pc-live-open" : ""));
  panel.id = "proccompile-live-panel";
  var head = el("button", "pc-live-head");
  head.type = "button";
  head.textContent = state.findings.length
    ? errors + " error" + (errors === 1 ? "" : "s") + ", " + warnings + " warning" + (warnings === 1 ? "" : "s")
    : "All checks passed";
  head.addEventListener("click", function () { panel.classList.toggle("pc-live-open"); });
  panel.appendChild(head);
  if (!state.current) {
    panel.appendChild(el("p", "pc-live-stale",
      "The site shows the last version without errors; fix the errors to see the latest."));
  }
  if (state.findings.length) panel.appendChild(list(state.findings));
  document.body.appendChild(panel);

  var style = el("style");
  style.textContent =
    ".pc-live-panel{position:fixed;right:1rem;bottom:1rem;max-width:min(44rem,90vw);max-height:60vh;overflow:auto;" +
    "background:#fff;border:1px solid #cfd6de;border-radius:6px;box-shadow:0 4px 16px rgba(0,0,0,.15);" +
    "font:14px/1.5 system-ui,sans-serif;z-index:2147483647}" +
    ".pc-live-panel .pc-live-list,.pc-live-panel .pc-live-stale{display:none}" +
    ".pc-live-open .pc-live-list,.pc-live-open .pc-live-stale{display:block}" +
    ".pc-live-head{display:block;width:100%;text-align:left;padding:.4rem .8rem;border:0;background:#f3f5f8;" +
    "font:inherit;font-weight:700;cursor:pointer}" +
    ".pc-live-list{margin:0;padding:.4rem .8rem .6rem 2rem}.pc-live-stale{margin:.4rem .8rem;color:#b42318}" +
    ".pc-live-error b{color:#b42318}.pc-live-warning b{color:#9a6700}.pc-live-help{color:#5b6675}" +
    ".pc-live-place{font-family:ui-monospace,monospace}" +
    ".pc-live-here{border:2px solid #b42318;border-radius:6px;padding:.2rem 1rem;margin-bottom:1.5rem}" +
    ".pc-live-here h2{margin-top:.5rem;border:0;font-size:1rem}";
  document.head.appendChild(style);

  // What this page shows, for the server (and the tests and the benchmark that ask it).
  function report() {
    var h1 = document.querySelector("main h1");
    var shown = Array.prototype.map.call(document.querySelectorAll("#proccompile-live-panel li b"),
      function (b) { return b.textContent; });
    var here = Array.prototype.map.call(document.querySelectorAll("#proccompile-live-here li b"),
      function (b) { return b.textContent; });
    var body = JSON.stringify({ generation: state.generation, page: location.pathname,
      h1: h1 ? h1.textContent : null, panel: shown, here: here });
    fetch(base + "shown", { method: "POST", body: body, headers: { "Content-Type": "application/json" } })
      .catch(function () {});
  }
  if (document.readyState === "complete") report(); else window.addEventListener("load", report);

  var events = new EventSource(base + "events");
  events.addEventListener("generation", function (event) {
    if (Number(event.data) !== state.generation) {
      events.close();
      location.reload();
    }
  });
})();
