// Parley's own browser code: small touches htmx cannot do alone. No build step.
(function () {
  "use strict";

  // A fresh id per send makes a retried post idempotent. crypto.randomUUID needs a secure
  // context, which an intranet http:// address is not, so build one from getRandomValues.
  function clientId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return "c-" + Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  function localTimes(root) {
    root.querySelectorAll("time[datetime]").forEach(function (t) {
      var d = new Date(t.getAttribute("datetime"));
      if (!isNaN(d)) {
        t.textContent = d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
        t.title = d.toLocaleString();
      }
    });
  }

  // A message is rendered once for everyone; the page knows whose it is and marks mine.
  function markMine(root) {
    var me = document.body.dataset.userId;
    if (!me) return;
    root.querySelectorAll('.message[data-author="' + me + '"]').forEach(function (m) {
      m.classList.add("mine");
    });
  }

  function messageList() {
    return document.querySelector(".messages[role=log]");
  }

  function nearBottom(list) {
    return list.scrollHeight - list.scrollTop - list.clientHeight < 120;
  }

  function scrollToBottom() {
    var list = messageList();
    if (list) list.scrollTop = list.scrollHeight;
  }

  document.addEventListener("DOMContentLoaded", function () {
    localTimes(document);
    markMine(document);
    scrollToBottom();
    var input = document.getElementById("message-input");
    if (!input) return;
    input.addEventListener("keydown", function (e) {
      // Enter sends, Shift+Enter starts a new line; IME composition keeps its own Enter.
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        if (input.value.trim() !== "") input.form.requestSubmit();
      }
    });
    input.addEventListener("input", function () {
      input.style.height = "auto";
      input.style.height = input.scrollHeight + "px";
    });
    input.focus();
  });

  document.addEventListener("htmx:configRequest", function (e) {
    if (isCompose(e.detail.elt)) {
      e.detail.parameters.clientId = clientId();
    }
  });

  // htmx reports swap events on the swap target; the form that asked is in requestConfig.
  function requester(e) {
    return (e.detail.requestConfig && e.detail.requestConfig.elt) || e.detail.elt;
  }

  function isCompose(el) {
    return !!(el && el.classList && el.classList.contains("compose"));
  }

  var olderAnchor = null;
  document.addEventListener("htmx:beforeSwap", function (e) {
    var list = messageList();
    if (list && e.detail.elt.classList && e.detail.elt.classList.contains("load-older")) {
      olderAnchor = { height: list.scrollHeight, top: list.scrollTop };
    }
  });

  document.addEventListener("htmx:afterSwap", function (e) {
    var list = messageList();
    localTimes(e.detail.target.parentNode || document);
    markMine(e.detail.target.parentNode || document);
    if (!list) return;
    if (olderAnchor) {
      // Older messages went in above: keep the reader's place instead of jumping.
      list.scrollTop = olderAnchor.top + (list.scrollHeight - olderAnchor.height);
      olderAnchor = null;
    } else if (isCompose(requester(e))) {
      requester(e).reset();
      var input = document.getElementById("message-input");
      if (input) input.style.height = "auto";
      var err = document.getElementById("compose-error");
      if (err) err.textContent = "";
      scrollToBottom();
    } else if (nearBottom(list)) {
      scrollToBottom();
    }
  });

  document.addEventListener("htmx:responseError", function (e) {
    var err = document.getElementById("compose-error");
    if (err && isCompose(requester(e))) {
      err.textContent = e.detail.xhr.responseText || "Could not send. Try again.";
    }
  });

  document.addEventListener("htmx:sendError", function (e) {
    var err = document.getElementById("compose-error");
    if (err) err.textContent = "Could not reach the server. Try again.";
  });
})();
