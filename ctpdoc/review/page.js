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
  var bar = form.parentNode;
  var folds = Array.prototype.slice.call(document.querySelectorAll("details.unchanged"));
  var printing = window.matchMedia("print");
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
    fold_unchanged(changed && !printing.matches);
  }

  // With "changed" on, each changed activity shows its changed fields, the others folded; printed, all of them.
  function fold_unchanged(folded) {
    folds.forEach(function (details) { details.open = !folded; });
  }

  // The anchored row's scroll margin follows the bar's height, which grows as the window narrows (or the count's
  // text wraps).
  function measure() {
    document.documentElement.style.setProperty("--bar", bar.getBoundingClientRect().height + "px");
  }

  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (!target) { return; }
    if (target.closest("[hidden]")) {
      form.reset();
      apply();
    }
    target.scrollIntoView();
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("hashchange", reveal);
  if (window.ResizeObserver) { new ResizeObserver(measure).observe(bar); } else { window.addEventListener("resize", measure); }
  window.addEventListener("beforeprint", function () { fold_unchanged(false); });
  window.addEventListener("afterprint", apply);
  printing.addEventListener("change", apply);
  form.hidden = false;
  apply();
  measure();
  reveal();
})();
