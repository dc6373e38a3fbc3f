(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-part]"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.part"));
  var shown = document.getElementById("f-count");
  var fold = function (text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  };
  var texts = rows.map(function (row) { return fold(row.textContent); });
  var value = function (id) { return document.getElementById(id).value; };
  var checked = function (id) { return document.getElementById(id).checked; };

  function apply() {
    var part = value("f-part");
    var status = value("f-status");
    var changed = checked("f-changed");
    var stale = checked("f-stale");
    var words = fold(value("f-text")).split(/\s+/).filter(Boolean);
    var count = 0;
    rows.forEach(function (row, index) {
      var keep = (!part || row.dataset.part === part)
        && (!status || row.dataset.status === status)
        && (!changed || row.dataset.changed === "1")
        && (!stale || row.dataset.stale === "1")
        && words.every(function (word) { return texts[index].indexOf(word) >= 0; });
      row.hidden = !keep;
      if (keep) { count += 1; }
    });
    sections.forEach(function (section) {
      section.hidden = !section.querySelector("tr[data-part]:not([hidden])");
    });
    shown.textContent = count + " of " + rows.length + " activities shown";
  }

  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (target && target.closest("[hidden]")) {
      form.reset();
      apply();
      target.scrollIntoView();
    }
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("hashchange", reveal);
  form.hidden = false;
  apply();
  reveal();
})();
