// Files in the composer: the paperclip, paste and drop each upload at once over XMLHttpRequest
// (for its progress events), one row per file with a progress bar and a cancel button. A send
// then attaches what finished. Clicking a thumbnail opens the full image; Escape closes it.
// Without this script the paperclip still works: the form posts the files with the message.
(function () {
  "use strict";

  var rows = [];   // { li, xhr, id, done }

  function form() { return document.querySelector("form.compose"); }

  function nonce() {
    var a = new Uint8Array(12);
    crypto.getRandomValues(a);
    return "u-" + Array.from(a, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  function size(n) {
    return n < 1024 ? n + " B" : n < 1048576 ? (n / 1024).toFixed(1) + " KB" : (n / 1048576).toFixed(1) + " MB";
  }

  function refreshRequired() {
    var input = document.getElementById("message-input");
    if (input) input.required = rows.length === 0;
  }

  function upload(file) {
    var list = document.getElementById("uploads");
    if (!list) return;
    var li = document.createElement("li");
    li.className = "upload";
    var name = document.createElement("span");
    name.className = "upload-name";
    name.textContent = file.name + " (" + size(file.size) + ")";
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", "Uploading " + file.name);
    var state = document.createElement("span");
    state.className = "upload-state";
    var cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "link upload-cancel";
    cancel.textContent = "Cancel";
    li.append(name, bar, state, cancel);
    list.appendChild(li);

    var row = { li: li, xhr: new XMLHttpRequest(), id: null, done: false };
    rows.push(row);
    refreshRequired();
    cancel.addEventListener("click", function () {
      if (!row.done) row.xhr.abort();
      remove(row);
    });
    var xhr = row.xhr;
    xhr.open("POST", "/api/files?name=" + encodeURIComponent(file.name) + "&clientId=" + nonce());
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) bar.value = Math.round((100 * e.loaded) / e.total);
    });
    xhr.addEventListener("load", function () {
      var body = null;
      try { body = JSON.parse(xhr.responseText); } catch (ignored) { /* shown below */ }
      if (xhr.status === 200 || xhr.status === 201) {
        row.id = body.id;
        row.done = true;
        bar.value = 100;
        li.classList.add("ready");
        state.textContent = "Ready";
        cancel.textContent = "Remove";
      } else {
        row.done = true;
        li.classList.add("failed");
        bar.remove();
        state.textContent = (body && body.error && body.error.message) || "Upload failed (" + xhr.status + ").";
        cancel.textContent = "Dismiss";
      }
    });
    xhr.addEventListener("error", function () {
      row.done = true;
      li.classList.add("failed");
      state.textContent = "Upload failed: the connection broke.";
    });
    xhr.send(file);
  }

  function remove(row) {
    rows = rows.filter(function (r) { return r !== row; });
    row.li.remove();
    refreshRequired();
  }

  function uploadAll(files) {
    Array.prototype.forEach.call(files || [], upload);
  }

  // parley.js asks as it sends: the ids of finished uploads (clearing them), or null while one is still going.
  window.parleyFiles = {
    take: function () {
      if (rows.some(function (r) { return !r.done; })) {
        var error = document.getElementById("compose-error");
        if (error) error.textContent = "Wait for the uploads to finish, or cancel them.";
        return null;
      }
      var ids = rows.filter(function (r) { return r.id; }).map(function (r) { return r.id; });
      rows.slice().forEach(remove);
      return ids;
    }
  };

  document.addEventListener("change", function (e) {
    if (e.target.id !== "file-input") return;
    uploadAll(e.target.files);
    e.target.value = ""; // uploaded already: the form must not carry them again
  });

  document.addEventListener("paste", function (e) {
    if (!e.target.closest || !e.target.closest("form.compose")) return;
    var files = e.clipboardData && e.clipboardData.files;
    if (files && files.length) {
      e.preventDefault();
      uploadAll(files);
    }
  });

  document.addEventListener("dragover", function (e) {
    if (form() && e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, "Files") >= 0) {
      e.preventDefault();
    }
  });

  document.addEventListener("drop", function (e) {
    if (!form() || !e.dataTransfer || !e.dataTransfer.files.length) return;
    if (!e.target.closest || !e.target.closest("main.room")) return;
    e.preventDefault();
    uploadAll(e.dataTransfer.files);
  });

  // ---- The full image over the page.
  document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest("a.attachment.image");
    if (!link || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    var dialog = document.createElement("dialog");
    dialog.className = "lightbox";
    var img = document.createElement("img");
    img.src = link.dataset.full;
    img.alt = (link.querySelector("img") || {}).alt || "";
    if (link.dataset.width) img.width = link.dataset.width;
    if (link.dataset.height) img.height = link.dataset.height;
    dialog.appendChild(img);
    dialog.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () { dialog.remove(); });
    document.body.appendChild(dialog);
    dialog.showModal(); // Escape closes a modal dialog
  });
})();
