// Messages that change: edit (Up in an empty composer, Esc cancels, Enter saves), delete, react,
// reply, and a copy button on code blocks. Messages are drawn once for everyone; what is mine
// (my messages' edit and delete, my reactions) is chosen here from data- attributes. Without
// this file, every message's "⋯" link leads to a page with the same actions as plain forms.
(function () {
  "use strict";

  var PALETTE = ["👍", "❤️", "😂", "🎉", "😮", "😢"];
  var editing = null; // the message being edited: { id, roomId }

  function input() { return document.getElementById("message-input"); }
  function error(text) {
    var el = document.getElementById("compose-error");
    if (el) el.textContent = text || "";
  }
  function moderator() {
    var main = document.querySelector("main.room");
    return main && main.dataset.moderator === "true";
  }
  function change(event, data, then) {
    data.roomId = window.Parley.room();
    data.clientId = window.Parley.clientId();
    var sent = window.Parley.send(event, data, function (frame) {
      if (!frame.success) error((frame.error && frame.error.message) || "Refused.");
      else if (then) then(frame.data);
    });
    if (!sent) error("Not connected; try again in a moment.");
  }

  function refresh(root) {
    var me = window.Parley ? window.Parley.me() : "";
    (root.querySelectorAll ? root : document).querySelectorAll(".reaction[data-users]").forEach(function (r) {
      r.classList.toggle("mine", me !== "" && r.dataset.users.indexOf(" " + me + " ") >= 0);
    });
    document.querySelectorAll(".message .body pre:not([data-copy])").forEach(function (pre) {
      pre.dataset.copy = "1";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy";
      button.textContent = "Copy";
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(pre.textContent).then(function () { button.textContent = "Copied"; });
      });
      pre.parentNode.insertBefore(button, pre);
    });
  }

  // ---- Edit: load the text as typed (the page shows only its markup), then save over the socket.

  function startEdit(message) {
    var box = input();
    if (!box || !message) return;
    fetch("/api/rooms/" + window.Parley.room() + "/messages/" + message.dataset.messageId, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (m) {
        editing = { id: m.id };
        box.value = m.content;
        box.form.classList.add("editing");
        error("Editing your message: Enter saves, Esc cancels.");
        box.focus();
      })
      .catch(function () { error("That message cannot be edited."); });
  }

  function stopEdit() {
    var box = input();
    editing = null;
    if (!box) return;
    box.value = "";
    box.form.classList.remove("editing");
    error("");
  }

  function lastOfMine() {
    var mine = document.querySelectorAll(".messages .message.mine[data-message-id]:not(.deleted):not(.pending)");
    return mine.length ? mine[mine.length - 1] : null;
  }

  document.addEventListener("keydown", function (e) {
    var box = input();
    if (!box || e.target !== box || e.isComposing) return;
    if (e.key === "ArrowUp" && !editing && box.value === "") {
      e.preventDefault();
      startEdit(lastOfMine());
    } else if (e.key === "Escape" && editing) {
      e.preventDefault();
      stopEdit();
    } else if (e.key === "Enter" && !e.shiftKey && editing) {
      // Before parley.js sends it as a new message.
      e.preventDefault();
      e.stopImmediatePropagation();
      if (box.value.trim() === "") return;
      change("edit-message", { messageId: editing.id, content: box.value }, stopEdit);
    }
  }, true);

  // ---- Reply: the composer remembers what it answers until it sends.

  function startReply(message) {
    var form = document.querySelector("form.compose");
    if (!form) return;
    form.elements.replyTo.value = message.dataset.messageId;
    var note = form.querySelector(".replying");
    note.querySelector(".what").textContent = "Replying to " + message.querySelector(".author").textContent;
    note.hidden = false;
    input().focus();
  }

  function stopReply() {
    var form = document.querySelector("form.compose");
    if (!form) return;
    form.elements.replyTo.value = "";
    form.querySelector(".replying").hidden = true;
  }

  document.addEventListener("htmx:wsAfterSend", function (e) {
    if (e.detail && e.detail.elt && e.detail.elt.classList && e.detail.elt.classList.contains("compose")) stopReply();
  });

  // ---- The menu behind each message's "⋯": react, reply, and (mine, or as a moderator) edit and delete.

  function menu(message) {
    var old = document.querySelector(".message-menu");
    if (old) {
      var same = old.parentNode === message;
      old.remove();
      if (same) return;
    }
    var box = document.createElement("div");
    box.className = "message-menu";
    box.setAttribute("role", "menu");
    function item(label, title, act) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = label;
      b.title = title;
      b.setAttribute("aria-label", title);
      b.addEventListener("click", function () { box.remove(); act(); });
      box.appendChild(b);
    }
    var id = message.dataset.messageId;
    PALETTE.forEach(function (emoji) {
      item(emoji, "React with " + emoji, function () { change("add-reaction", { messageId: id, emoji: emoji }); });
    });
    item("＋", "Another emoji", function () {
      var emoji = window.prompt("React with which emoji?");
      if (emoji) change("add-reaction", { messageId: id, emoji: emoji.trim() });
    });
    item("Reply", "Reply", function () { startReply(message); });
    var mine = message.classList.contains("mine");
    if (mine) item("Edit", "Edit", function () { startEdit(message); });
    if (mine || moderator()) {
      item("Delete", "Delete", function () {
        if (window.confirm("Delete this message for everyone?")) change("delete-message", { messageId: id });
      });
    }
    message.appendChild(box);
  }

  document.addEventListener("click", function (e) {
    var more = e.target.closest && e.target.closest(".message .more");
    if (more && window.Parley && document.querySelector("form.compose")) {
      e.preventDefault();
      menu(more.closest(".message"));
      return;
    }
    var reply = e.target.closest && e.target.closest(".reply-to");
    if (reply) {
      var original = document.getElementById("message-" + reply.dataset.replyTo);
      if (original) {
        e.preventDefault();
        original.scrollIntoView({ block: "center", behavior: "smooth" });
        original.classList.add("landed");
        setTimeout(function () { original.classList.remove("landed"); }, 2000);
      }
      return;
    }
    if (e.target.closest && e.target.closest(".cancel-reply")) stopReply();
  });

  // A reaction chip toggles mine, over the socket when there is one (else the form posts).
  document.addEventListener("submit", function (e) {
    var chip = e.target.closest && e.target.closest(".reaction");
    if (!chip || !window.Parley || !document.querySelector("form.compose")) return;
    e.preventDefault();
    var message = chip.closest(".message");
    change(chip.classList.contains("mine") ? "remove-reaction" : "add-reaction", {
      messageId: message.dataset.messageId,
      emoji: chip.querySelector("input[name=emoji]").value
    });
  });

  window.ParleyChanges = { refresh: refresh };
  document.addEventListener("DOMContentLoaded", function () { refresh(document); });
})();
