/* summitdata site: the annotated article's panel and the tables' filter, facets and sort.
   Reads only the page it runs in: no request to any host. Data is never turned into HTML here:
   the pages carry it already escaped, and this script only shows, hides and reorders elements. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  function initArticle() {
    var panel = document.getElementById("panel");
    var article = document.getElementById("article");
    if (!panel || !article) { return; }
    var body = panel.querySelector(".panel-body");
    var title = document.getElementById("panel-title");
    var empty = panel.querySelector(".panel-empty");
    var closeButton = panel.querySelector(".panel-close");
    var count = panel.querySelector(".panel-count");
    var entries = Array.prototype.slice.call(panel.querySelectorAll(".span-entry"));
    var segments = Array.prototype.slice.call(article.querySelectorAll("mark.seg"));
    var origin = null;

    function open(ids, from) {
      origin = from || null;
      entries.forEach(function (entry) { entry.classList.remove("shown"); });
      ids.forEach(function (id) {
        var entry = document.getElementById(id);
        if (entry) { entry.classList.add("shown"); body.appendChild(entry); }
      });
      segments.forEach(function (seg) {
        var covered = seg.getAttribute("data-spans").split(" ").indexOf(ids[0]) >= 0;
        seg.classList.toggle("selected", covered);
        seg.setAttribute("aria-expanded", covered ? "true" : "false");
      });
      if (empty) { empty.hidden = true; }
      if (count) {
        count.hidden = ids.length < 2;
        count.textContent = ids.length + " quoted passages cover these words; the shortest comes first.";
      }
      panel.classList.add("open");
      panel.scrollTop = 0;
      title.focus({ preventScroll: true });
      // On a phone the panel covers the lower part of the screen: bring the chosen words above it.
      if (origin && window.getComputedStyle(panel).position === "fixed") {
        origin.scrollIntoView({ block: "start" });
      }
      if (window.history && window.history.replaceState) { window.history.replaceState(null, "", "#" + ids[0]); }
    }

    function close() {
      panel.classList.remove("open");
      entries.forEach(function (entry) { entry.classList.remove("shown"); });
      segments.forEach(function (seg) { seg.classList.remove("selected"); seg.setAttribute("aria-expanded", "false"); });
      if (empty) { empty.hidden = false; }
      if (count) { count.hidden = true; }
      if (origin) { origin.focus(); }
    }

    function choose(seg) { open(seg.getAttribute("data-spans").split(" "), seg); }

    segments.forEach(function (seg) { seg.setAttribute("aria-expanded", "false"); });
    article.addEventListener("click", function (event) {
      var seg = event.target.closest ? event.target.closest("mark.seg") : null;
      if (seg) { choose(seg); }
    });
    article.addEventListener("keydown", function (event) {
      var seg = event.target.closest ? event.target.closest("mark.seg") : null;
      if (seg && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); choose(seg); }
    });
    closeButton.addEventListener("click", close);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && panel.classList.contains("open")) { close(); }
    });

    var wanted = "";
    try { wanted = decodeURIComponent(window.location.hash.slice(1)); } catch (error) { wanted = ""; }  // a malformed link
    if (wanted && entries.some(function (entry) { return entry.id === wanted; })) {
      var first = segments.filter(function (seg) {
        return seg.getAttribute("data-spans").split(" ").indexOf(wanted) >= 0;
      })[0];
      if (first) { first.scrollIntoView({ block: "center" }); }
      open([wanted], first);
    }
  }

  function compare(a, b) {
    var x = Number(a), y = Number(b);
    if (a !== "" && b !== "" && !isNaN(x) && !isNaN(y)) { return x - y; }
    return a.localeCompare(b);
  }

  function initTable(section) {
    var tbody = section.querySelector("tbody");
    var rows = Array.prototype.slice.call(tbody.rows);
    var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
    var filter = section.querySelector(".filter");
    var facets = Array.prototype.slice.call(section.querySelectorAll(".facet"));
    var count = section.querySelector(".count");

    function apply() {
      var query = filter.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row, index) {
        var ok = (!query || texts[index].indexOf(query) >= 0) && facets.every(function (facet) {
          return !facet.value || row.cells[Number(facet.getAttribute("data-col"))].textContent === facet.value;
        });
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = shown + " of " + rows.length + " rows";
    }

    filter.addEventListener("input", apply);
    facets.forEach(function (facet) { facet.addEventListener("change", apply); });
    Array.prototype.forEach.call(section.querySelectorAll("button.sort"), function (button) {
      button.addEventListener("click", function () {
        var column = Number(button.getAttribute("data-col"));
        var header = button.parentNode;
        var order = header.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        Array.prototype.forEach.call(section.querySelectorAll("th"), function (th) { th.setAttribute("aria-sort", "none"); });
        header.setAttribute("aria-sort", order);
        var sorted = rows.slice().sort(function (a, b) {
          return compare(a.cells[column].textContent, b.cells[column].textContent);
        });
        if (order === "descending") { sorted.reverse(); }
        sorted.forEach(function (row) { tbody.appendChild(row); });
      });
    });
  }

  ready(function () {
    initArticle();
    Array.prototype.forEach.call(document.querySelectorAll(".table-section"), initTable);
  });
}());
