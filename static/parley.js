// Parley's own browser code: what htmx and its ws extension cannot do alone. No build step.
// htmx swaps every live fragment in; this file adds what depends on the viewer (which messages
// are mine, "Seen by", the typing sentence, unread badges), the pending state of my sends,
// typing and read signals, the connection banner, and where the reader is (the New line, the
// pill for messages that arrive below while they read history).
(function () {
  "use strict";

  var TYPING_EVERY_MS = 3000;
  var me = function () { return document.body.dataset.userId || ""; };

  // A fresh id per send makes a retried send idempotent. crypto.randomUUID needs a secure
  // context, which an intranet http:// address is not, so build one from getRandomValues.
  function clientId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return "c-" + Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  function room() {
    var main = document.querySelector("main.room");
    return main ? main.dataset.roomId : null;
  }

  // The log scrolls; the list inside it holds the messages.
  function messageList() {
    return document.querySelector("[role=log] > .messages");
  }

  function scroller() {
    return document.querySelector("[role=log]");
  }

  function nearBottom(log) {
    return log.scrollHeight - log.scrollTop - log.clientHeight < 120;
  }

  function scrollToBottom() {
    var log = scroller();
    if (log) log.scrollTop = log.scrollHeight;
  }

  function lastSeq() {
    var input = document.getElementById("room-" + room() + "-last-seq");
    return input ? Number(input.value) : 0;
  }

  // ---- What depends on the viewer: recomputed after every page load and live message.

  function localTimes(root) {
    root.querySelectorAll("time[datetime]:not([data-local])").forEach(function (t) {
      var d = new Date(t.getAttribute("datetime"));
      if (!isNaN(d)) {
        t.textContent = d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
        t.title = d.toLocaleString();
        t.dataset.local = "1";
      }
    });
  }

  // Everything is rendered once for everyone; the page knows who it belongs to and marks mine.
  function markMine(root) {
    var id = me();
    if (!id) return;
    root.querySelectorAll('.message[data-author="' + id + '"], .member[data-user-id="' + id + '"], ' +
      '.typer[data-user-id="' + id + '"], .reader[data-user-id="' + id + '"]').forEach(function (el) {
      el.classList.add("mine");
    });
  }

  function namesSentence(names) {
    if (names.length === 1) return names[0];
    if (names.length === 2) return names[0] + " and " + names[1];
    return names.slice(0, -1).join(", ") + " and " + names[names.length - 1];
  }

  function typingSentence() {
    var line = document.querySelector(".typing[role=status]");
    if (!line) return;
    var names = Array.from(line.querySelectorAll(".typer:not(.mine)"), function (s) { return s.textContent; });
    var sentence = line.querySelector(".sentence");
    if (!sentence) {
      sentence = document.createElement("span");
      sentence.className = "sentence";
      line.appendChild(sentence);
    }
    sentence.textContent = names.length === 0 ? "" :
      names.length > 3 ? "Several people are typing…" :
      namesSentence(names) + (names.length === 1 ? " is typing…" : " are typing…");
  }

  // "Seen by" goes under the newest message that someone besides me and its author has read.
  function seenBy() {
    var readers = document.getElementById("room-" + room() + "-readers");
    var list = messageList();
    if (!readers || !list) return;
    var marks = Array.from(readers.querySelectorAll(".reader:not(.mine)"), function (r) {
      var data = r.querySelector("data");
      return { userId: r.dataset.userId, name: data ? data.textContent : "", seq: data ? Number(data.value) : 0 };
    }).filter(function (m) { return m.seq > 0; });
    var messages = Array.from(list.querySelectorAll(".message[data-seq]"));
    var target = null;
    var names = [];
    for (var i = messages.length - 1; i >= 0 && !target; i--) {
      var seq = Number(messages[i].dataset.seq);
      var author = messages[i].dataset.author;
      names = marks.filter(function (m) { return m.seq >= seq && m.userId !== author; }).map(function (m) { return m.name; });
      if (names.length > 0) target = messages[i];
    }
    list.querySelectorAll(".seen").forEach(function (s) {
      if (s.parentNode !== target) s.remove();
    });
    if (!target) return;
    var line = target.querySelector(".seen");
    if (!line) {
      line = document.createElement("p");
      line.className = "seen";
      target.appendChild(line);
    }
    line.textContent = "Seen by " + namesSentence(names);
  }

  // Notes about rooms this page does not show: unread badges, reads from my other tabs, and
  // rooms I was just added to (a new direct conversation): the room list is fetched afresh.
  function activity() {
    var sink = document.getElementById("activity");
    if (!sink) return;
    var stale = false;
    sink.querySelectorAll("i[data-room]").forEach(function (note) {
      var link = document.getElementById("room-" + note.dataset.room + "-link");
      if (!link && (note.dataset.kind === "message" || (note.dataset.kind === "joined" && note.dataset.userId === me()))) stale = true;
      if (link && note.dataset.kind === "message" && note.dataset.userId !== me()) bumpBadge(link.querySelector("a"));
      if (link && note.dataset.kind === "read" && note.dataset.userId === me()) {
        var badge = link.querySelector(".badge");
        if (badge) badge.remove();
      }
    });
    sink.replaceChildren();
    if (stale && document.querySelector(".sidebar")) {
      htmx.ajax("GET", "/sidebar" + (room() ? "?current=" + room() : ""), { target: ".sidebar", swap: "outerHTML" });
    }
  }

  function bumpBadge(anchor) {
    if (!anchor) return;
    var badge = anchor.querySelector(".badge");
    if (!badge) {
      badge = document.createElement("span");
      badge.className = "badge";
      badge.dataset.count = "0";
      anchor.appendChild(badge);
    }
    var count = Number(badge.dataset.count || badge.textContent || 0) + 1;
    badge.dataset.count = String(count);
    badge.textContent = count > 99 ? "99+" : String(count);
    badge.setAttribute("aria-label", count + " unread");
  }

  // The tab says what waits for me elsewhere: "(3) general · Parley" and a dot on the icon, for
  // unread direct messages (every one is meant for me). Works on plain http, unlike notifications.
  var baseTitle = document.title;
  function tabTitle() {
    var waiting = 0;
    document.querySelectorAll('.room-link[data-kind="direct"] .badge').forEach(function (b) {
      waiting += Number(b.dataset.count || b.textContent.replace("+", "") || 0);
    });
    document.title = (waiting > 0 ? "(" + (waiting > 99 ? "99+" : waiting) + ") " : "") + baseTitle;
    var icon = document.querySelector("link[rel=icon]");
    if (icon) {
      var href = icon.getAttribute("href").replace(/favicon(-unread)?\.svg/, waiting > 0 ? "favicon-unread.svg" : "favicon.svg");
      if (href !== icon.getAttribute("href")) icon.setAttribute("href", href);
    }
  }

  function refresh(root) {
    localTimes(root);
    markMine(root);
    if (window.ParleyChanges) window.ParleyChanges.refresh(root);
    typingSentence();
    seenBy();
    activity();
    tabTitle();
  }

  // What changes.js (edits, deletes, reactions, replies) needs of this file.
  window.Parley = {
    send: function (event, data, onAck) {
      var ack = "c" + (++nextAck);
      changeAcks[ack] = onAck;
      send(event, data, ack);
      return !!socket;
    },
    room: room,
    me: me,
    clientId: clientId
  };
  var changeAcks = {};

  // ---- The socket: my sends, typing and read signals, the banner.

  var socket = null;      // the ws extension's wrapper, once open
  var generation = 0;     // bumps on every (re)connect
  var nextAck = 0;
  var pending = {};       // ack id -> { clientId, data, element, generation }
  var everOpen = false;

  function send(event, data, ack) {
    if (!socket) return;
    var frame = { event: event, data: data };
    if (ack != null) frame.ack = ack;
    socket.send(JSON.stringify(frame));
  }

  function banner(state, text) {
    var el = document.getElementById("connection");
    if (!el) return;
    el.dataset.state = state;
    el.textContent = text;
  }

  function pendingMessage(data) {
    var li = document.createElement("li");
    li.className = "message mine pending";
    li.dataset.clientId = data.clientId;
    var meta = document.createElement("div");
    meta.className = "meta";
    var author = document.createElement("span");
    author.className = "author";
    author.textContent = document.body.dataset.username || "me";
    var state = document.createElement("span");
    state.className = "state";
    state.textContent = "Sending…";
    meta.append(author, state);
    var body = document.createElement("div");
    body.className = "body";
    body.textContent = data.content;
    li.append(meta, body);
    return li;
  }

  function failed(entry, message) {
    var li = entry.element;
    li.classList.remove("pending");
    li.classList.add("failed");
    var state = li.querySelector(".state");
    state.textContent = "Not sent: " + message + " ";
    var retry = document.createElement("button");
    retry.type = "button";
    retry.className = "link retry";
    retry.textContent = "Retry";
    retry.addEventListener("click", function () {
      li.classList.remove("failed");
      li.classList.add("pending");
      state.textContent = "Sending…";
      resend(entry);
    });
    state.appendChild(retry);
  }

  // The same clientId again: if the first attempt did land, the server answers with that message.
  function resend(entry) {
    var ack = "m" + (++nextAck);
    pending[ack] = entry;
    entry.generation = generation;
    send("send-message", entry.data, ack);
  }

  // Sends that left on a socket that died before their ack: send again, same clientId.
  function resendStale() {
    Object.keys(pending).forEach(function (ack) {
      var entry = pending[ack];
      if (entry.generation < generation) {
        delete pending[ack];
        resend(entry);
      }
    });
  }

  function acknowledged(frame) {
    if (frame.ack === "sync") {
      if (frame.success && frame.data && frame.data.gap) {
        location.reload(); // away too long to replay: show the room afresh
        return;
      }
      resendStale(); // after what was missed, so that the page shows messages in order
      return;
    }
    if (changeAcks[frame.ack]) {
      var answer = changeAcks[frame.ack];
      delete changeAcks[frame.ack];
      answer(frame);
      return;
    }
    var entry = pending[frame.ack];
    if (!entry) return;
    delete pending[frame.ack];
    if (frame.success) {
      entry.element.remove();
    } else if (frame.error && frame.error.code === "retry" && (entry.retries = (entry.retries || 0) + 1) <= 5) {
      // The database failed and the server cannot tell whether it was stored: the same clientId again is safe.
      setTimeout(function () { resend(entry); }, 2000 * entry.retries);
    } else {
      failed(entry, (frame.error && frame.error.message) || "refused");
    }
  }

  document.addEventListener("htmx:wsConnecting", function () {
    banner("connecting", everOpen ? "Reconnecting…" : "Connecting…");
  });

  document.addEventListener("htmx:wsOpen", function (e) {
    socket = e.detail.socketWrapper;
    generation++;
    everOpen = true;
    banner("online", "Online");
    // A room page syncs first and sends again once that is answered; a page without one at once.
    if (!document.querySelector("form.sync")) resendStale();
  });

  document.addEventListener("htmx:wsClose", function (e) {
    socket = null;
    var code = e.detail.event && e.detail.event.code;
    if (code === 1008) {
      banner("offline", "Signed out. Reload to sign in again.");
    } else {
      banner("reconnecting", "Reconnecting…");
    }
  });

  document.addEventListener("htmx:wsConfigSend", function (e) {
    var form = e.detail.elt;
    e.detail.headers = null;
    if (form.classList.contains("sync")) {
      e.detail.parameters.ack = "sync";
      return;
    }
    if (!form.classList.contains("compose")) return;
    var content = e.detail.parameters.content || "";
    var files = window.parleyFiles ? window.parleyFiles.take() : [];
    if (files === null || (content.trim() === "" && files.length === 0)) {
      e.preventDefault();
      return;
    }
    var data = { roomId: e.detail.parameters.roomId, content: content, clientId: clientId() };
    if (e.detail.parameters.replyTo) data.replyTo = e.detail.parameters.replyTo;
    if (files.length) data.files = files;
    e.detail.parameters.files = files;
    delete e.detail.parameters.upload;
    var ack = "m" + (++nextAck);
    var entry = { data: data, element: pendingMessage(data), generation: generation };
    pending[ack] = entry;
    e.detail.parameters.clientId = data.clientId;
    e.detail.parameters.ack = ack;
    var list = messageList();
    if (list) list.appendChild(entry.element);
    form.reset();
    var input = document.getElementById("message-input");
    if (input) input.style.height = "auto";
    typingSince = 0;
    scrollToBottom();
  });

  // Acks come as JSON in both formats; everything else is a fragment for htmx to swap.
  document.addEventListener("htmx:wsBeforeMessage", function (e) {
    var text = e.detail.message;
    if (typeof text !== "string" || text.charAt(0) !== "{") return;
    e.preventDefault();
    try {
      var frame = JSON.parse(text);
      if (frame.ack != null) acknowledged(frame);
    } catch (ignored) {
      // Not for us.
    }
  });

  // Reading stays put: at the bottom the log follows new messages; scrolled up, it does not move
  // and a pill counts what arrived below.
  var wasNearBottom = true;
  var shownBefore = 0;
  var unseenBelow = 0;
  function shownMessages() {
    var list = messageList();
    return list ? list.querySelectorAll(".message[data-seq]").length : 0;
  }

  function newBelow(count) {
    var pill = document.getElementById("new-below");
    if (!pill) return;
    unseenBelow = count;
    pill.hidden = count === 0;
    pill.textContent = (count === 1 ? "1 new message" : count + " new messages") + " ↓";
  }

  document.addEventListener("htmx:wsBeforeMessage", function () {
    var log = scroller();
    wasNearBottom = !log || nearBottom(log);
    shownBefore = shownMessages();
  });

  var readTimer = null;
  document.addEventListener("htmx:wsAfterMessage", function () {
    refresh(document);
    if (wasNearBottom) scrollToBottom();
    else if (shownMessages() > shownBefore) newBelow(unseenBelow + shownMessages() - shownBefore);
    markReadSoon();
  });

  document.addEventListener("click", function (e) {
    var el = e.target.closest && e.target.closest("#new-below, .jump-unread, .dismiss-unread");
    if (!el) return;
    e.preventDefault();
    if (el.id === "new-below") {
      scrollToBottom();
      newBelow(0);
    } else if (el.classList.contains("jump-unread")) {
      var line = document.getElementById("unread");
      if (line) line.scrollIntoView({ block: "start" });
    } else {
      // The visit already marked the room read: this only clears the marks of where it left off.
      var bar = document.getElementById("unread-bar");
      var mark = document.getElementById("unread");
      if (bar) bar.remove();
      if (mark) mark.remove();
    }
  });

  // Read up to the newest message while the page is in view; batched to one signal per half second.
  function markReadSoon() {
    if (!room() || document.visibilityState !== "visible" || readTimer) return;
    readTimer = setTimeout(function () {
      readTimer = null;
      var seq = lastSeq();
      if (seq > 0 && seq > markedUpTo && socket && document.querySelector(".compose")) {
        markedUpTo = seq;
        send("mark-read", { roomId: room(), seq: seq });
      }
    }, 500);
  }
  var markedUpTo = 0;

  document.addEventListener("visibilitychange", markReadSoon);

  // Typing: one typing-start every few seconds while keys go down; the server ends it 5 s after
  // the last one, at once when the message is sent, and we say so when the box empties.
  var typingSince = 0;
  function typed(input) {
    var now = Date.now();
    if (input.value.trim() === "") {
      if (typingSince) send("typing-stop", { roomId: room() });
      typingSince = 0;
    } else if (now - typingSince > TYPING_EVERY_MS) {
      typingSince = now;
      send("typing-start", { roomId: room() });
    }
  }

  // ---- The page itself.

  // A link to a message (a search result) opens a window of history around it: show it, not the end.
  function landedOn() {
    var id = location.hash.slice(1);
    var list = messageList();
    var target = id && list ? document.getElementById(id) : null;
    return target && list.contains(target) ? target : null;
  }

  document.addEventListener("DOMContentLoaded", function () {
    refresh(document);
    var target = landedOn();
    var unread = document.getElementById("unread");
    if (target) target.scrollIntoView({ block: "center" });
    else if (unread) unread.scrollIntoView({ block: "start" }); // start where the reader left off
    else scrollToBottom();
    var log = scroller();
    if (log) log.addEventListener("scroll", function () {
      if (unseenBelow && nearBottom(log)) newBelow(0);
    }, { passive: true });
    if (log) markedUpTo = lastSeq();
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
      input.style.height = input.scrollHeight + (input.offsetHeight - input.clientHeight) + "px";
      typed(input);
    });
    input.addEventListener("blur", function () {
      if (typingSince && input.value.trim() === "") send("typing-stop", { roomId: room() });
    });
    if (!target) input.focus();
  });

  // "/" (outside a text field) or Ctrl+K / Cmd+K focuses the search box in the header.
  document.addEventListener("keydown", function (e) {
    var box = document.getElementById("search-input");
    if (!box) return;
    var inField = /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName) || e.target.isContentEditable;
    if ((e.key === "k" && (e.ctrlKey || e.metaKey)) || (e.key === "/" && !inField && !e.ctrlKey && !e.metaKey && !e.altKey)) {
      e.preventDefault();
      box.focus();
      box.select();
    }
  });

  // Older messages load over HTTP as you scroll up; keep the reader's place while they go in.
  var olderAnchor = null;
  document.addEventListener("htmx:beforeSwap", function (e) {
    var log = scroller();
    if (log && e.detail.elt.classList && e.detail.elt.classList.contains("load-older")) {
      olderAnchor = { height: log.scrollHeight, top: log.scrollTop };
    }
  });

  document.addEventListener("htmx:afterSwap", function (e) {
    var list = messageList();
    // Newer history loaded below a window into the past may reach messages that already arrived
    // live at the end of the list: keep the loaded copy, in its place, and drop the later one.
    if (list) {
      var seen = {};
      list.querySelectorAll(".message[id]").forEach(function (m) {
        if (seen[m.id]) m.remove();
        else seen[m.id] = true;
      });
    }
    refresh(e.detail.target.parentNode || document);
    var log = scroller();
    if (log && olderAnchor) {
      log.scrollTop = olderAnchor.top + (log.scrollHeight - olderAnchor.height);
      olderAnchor = null;
    }
  });
})();
