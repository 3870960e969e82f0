// Surveys: show a conditional question as soon as the answer it depends on is
// given.  Without this script, the "Continue" button does the same on the server.
(function () {
  "use strict";
  function values(form, name) {
    var out = [];
    form.querySelectorAll('[name="' + name + '"]').forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) return;
      if (input.value) out.push(input.value);
    });
    return out;
  }
  function refresh(form) {
    // Parents come before their dependents, so one pass in order is enough.
    form.querySelectorAll("fieldset[data-depends-on]").forEach(function (set) {
      var parentSet = form.querySelector('[name="' + set.dataset.dependsOn + '"]');
      parentSet = parentSet && parentSet.closest("fieldset");
      var parentShown = !parentSet || !parentSet.hidden;
      var shown = parentShown && values(form, set.dataset.dependsOn).indexOf(set.dataset.dependsValue) !== -1;
      set.hidden = !shown;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.answer-form").forEach(function (form) {
      form.classList.add("js-conditions");
      form.addEventListener("change", function () { refresh(form); });
      refresh(form);
    });
  });
})();
