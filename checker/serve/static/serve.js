// Progressive enhancement of the upload forms (they work without this): drag & drop onto the form,
// and a progress state while the check runs. Served from the package; the page's CSP allows only it.
"use strict";
document.querySelectorAll("form.upload").forEach(function (form) {
  var input = form.querySelector("input[type=file][name=file]");
  var zone = form.querySelector(".drop");
  if (zone && input) {
    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (type) {
      zone.addEventListener(type, function () { zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      input.files = e.dataTransfer.files;
      input.dispatchEvent(new Event("change"));
    });
  }
  form.addEventListener("submit", function () {
    var busy = form.querySelector(".busy");
    if (busy) { busy.hidden = false; }
    form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
  });
});
