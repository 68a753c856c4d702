// Accounts in the app: a sign-in form when the API answers 401, the
// session's CSRF token on every change, and who is signed in with a
// sign-out button. Loaded before the other scripts: it wraps fetch, so the
// rest of the app needs no change to send the token.
(function () {
  "use strict";
  var plainFetch = window.fetch.bind(window);
  var csrf = null;
  var shown = false;

  function isWrite(init) {
    var m = ((init && init.method) || "GET").toUpperCase();
    return m !== "GET" && m !== "HEAD";
  }

  function node(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k];
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { e.appendChild(c); });
    return e;
  }

  // Who is signed in, and the CSRF token; asked once at start.
  var ready = plainFetch("/api/session", { credentials: "same-origin" }).then(function (r) {
    if (r.status === 401) { showLogin(""); return null; }
    return r.ok ? r.json() : null;
  }).then(function (s) {
    if (s) { csrf = s.csrf || null; if (s.accounts && s.user) showUser(s.user, s.role); }
  }).catch(function () { /* the app shows its own error */ });

  window.fetch = function (input, init) {
    var url = typeof input === "string" ? input : (input && input.url) || "";
    var send = function () {
      var opts = Object.assign({ credentials: "same-origin" }, init || {});
      if (isWrite(init) && csrf) {
        var h = new Headers(opts.headers || {});
        h.set("X-CSRF-Token", csrf);
        opts.headers = h;
      }
      return plainFetch(input, opts).then(function (r) {
        if (r.status === 401 && url.indexOf("/api/login") < 0) showLogin("Your session has ended: sign in again.");
        return r;
      });
    };
    // A change waits for the token; reads go at once.
    return isWrite(init) ? ready.then(send) : send();
  };

  function showUser(name, role) {
    var bar = document.querySelector("header.bar");
    if (!bar) return;
    var out = node("button", { type: "button", id: "logout", text: "Sign out" });
    out.addEventListener("click", function () {
      // The answer is read to its end before the page goes away.
      window.fetch("/api/logout", { method: "POST" })
        .then(function (r) { return r.text(); })
        .then(function () { location.reload(); });
    });
    bar.appendChild(node("span", { "class": "signed-in", id: "signed-in" }, [
      node("span", { text: name + " (" + role + ") " }), out,
    ]));
    // The session says who codes: the name box shows it and cannot be changed.
    var who = document.getElementById("reviewer");
    if (who) { who.value = name; who.readOnly = true; }
    try { localStorage.setItem("policyscope.reviewer", name); } catch (e) { /* private mode */ }
  }

  function showLogin(message) {
    if (shown) return;
    shown = true;
    var note = node("p", { "class": "error", id: "login-message", text: message });
    var name = node("input", { id: "login-name", autocomplete: "username", required: "" });
    var pw = node("input", { id: "login-password", type: "password", autocomplete: "current-password", required: "" });
    var form = node("form", { id: "login-form" }, [
      node("h2", { text: "Sign in" }),
      node("label", {}, [node("span", { text: "Name " }), name]),
      node("label", {}, [node("span", { text: " Password " }), pw]),
      node("button", { type: "submit", id: "login-submit", text: "Sign in" }),
      note,
    ]);
    var dialog = node("dialog", { id: "login-dialog" }, [form]);
    document.body.appendChild(dialog);
    // Escape must not dismiss it: nothing works without signing in.
    dialog.addEventListener("cancel", function (e) { e.preventDefault(); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      plainFetch("/api/login", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: name.value, password: pw.value }),
      }).then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (j) {
          if (r.ok) { location.reload(); return; }
          note.textContent = j.error || ("sign-in failed (" + r.status + ")");
          pw.value = "";
        });
      }).catch(function (err) { note.textContent = String(err); });
    });
    dialog.showModal();
    name.focus();
  }
})();
