// Drag and drop over the upload form's file input. Without this file the plain
// multi-file input works the same.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("[data-dropzone]");
  if (!form) return;
  const input = form.querySelector("[data-dropzone-input]");
  const area = form.querySelector("[data-dropzone-area]");
  const list = form.querySelector("[data-dropzone-list]");
  if (!input || !area || !list || typeof DataTransfer === "undefined") return;
  area.hidden = false;

  // Sizes in the page's language ("1.5 MB", "1,5 MB"), in the Western digits
  // that the server's numbers use in every language, Arabic included.
  const lang = document.documentElement.lang || undefined;
  const megabytes = new Intl.NumberFormat(lang, {
    style: "unit", unit: "megabyte", maximumFractionDigits: 1, numberingSystem: "latn",
  });
  const kilobytes = new Intl.NumberFormat(lang, {
    style: "unit", unit: "kilobyte", maximumFractionDigits: 0, numberingSystem: "latn",
  });

  const show = () => {
    list.replaceChildren();
    for (const file of input.files) {
      const item = document.createElement("li");
      const size = file.size >= 1048576
        ? megabytes.format(file.size / 1048576)
        : kilobytes.format(Math.max(1, Math.round(file.size / 1024)));
      item.textContent = `${file.name} (${size})`;
      list.append(item);
    }
  };

  const add = (files) => {
    const merged = new DataTransfer();
    const seen = new Set();
    for (const file of [...input.files, ...files]) {
      const key = `${file.name}:${file.size}`;
      if (!seen.has(key)) {
        seen.add(key);
        merged.items.add(file);
      }
    }
    input.files = merged.files;
    show();
  };

  for (const name of ["dragenter", "dragover"]) {
    area.addEventListener(name, (event) => {
      event.preventDefault();
      area.classList.add("is-over");
    });
  }
  for (const name of ["dragleave", "drop"]) {
    area.addEventListener(name, () => area.classList.remove("is-over"));
  }
  area.addEventListener("drop", (event) => {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) {
      add(event.dataTransfer.files);
    }
  });
  input.addEventListener("change", show);
});
