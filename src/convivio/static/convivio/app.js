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

// Place pickers: a button adds one more box (without JavaScript the form offers
// a few empty ones).
document.addEventListener("DOMContentLoaded", () => {
  for (const list of document.querySelectorAll(".picker-list[data-add-label]")) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "secondary small picker-add";
    button.textContent = list.dataset.addLabel;
    button.addEventListener("click", () => {
      const inputs = list.querySelectorAll("input");
      const last = inputs[inputs.length - 1];
      const copy = last.cloneNode(false);
      copy.value = "";
      copy.id = `${inputs[0].id}_${inputs.length}`;
      copy.setAttribute("aria-label", list.dataset.inputLabel.replace("%(n)s", inputs.length + 1));
      last.after(copy);
      if (window.htmx) window.htmx.process(copy);
      copy.focus();
    });
    list.append(button);
  }
});

// Suggested themes and target groups: a button ticks its box (the boxes are
// the form; without JavaScript the author ticks them).
document.addEventListener("click", (event) => {
  const button = event.target instanceof Element && event.target.closest("[data-tick]");
  if (!button) return;
  const box = document.getElementById(button.dataset.tick);
  if (box instanceof HTMLInputElement) {
    box.checked = true;
    box.dispatchEvent(new Event("change", { bubbles: true }));
    button.setAttribute("aria-pressed", "true");
  }
});
