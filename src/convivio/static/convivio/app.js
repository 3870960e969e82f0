// Progressive enhancement only: every page works without this file.
document.documentElement.classList.add("js");
document.addEventListener("change", (event) => {
  const target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit")) {
    target.form.submit();
  }
});

// On a phone the filters start folded so that the results come first.
document.addEventListener("DOMContentLoaded", () => {
  const filters = document.getElementById("filters");
  if (filters && window.matchMedia("(max-width: 820px)").matches) {
    filters.removeAttribute("open");
  }
});
