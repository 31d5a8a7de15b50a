// Passkeys in the console (issue 13): enrolment on the password page, and a passkey as the second
// factor of a change's re-authentication. A file served by this server (no inline script: the console's
// CSP allows script-src 'self' only). It speaks to the JSON API with the session cookie and the CSRF
// header htmx sends; challenges live on the server, so nothing here is trusted by it.
(function () {
  "use strict";

  function csrf() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRF-Token"] || "";
    } catch (e) {
      return "";
    }
  }

  function fromB64u(s) {
    var b = atob(s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4));
    var out = new Uint8Array(b.length);
    for (var i = 0; i < b.length; i++) {
      out[i] = b.charCodeAt(i);
    }
    return out.buffer;
  }

  function toB64u(buf) {
    var bytes = new Uint8Array(buf);
    var s = "";
    for (var i = 0; i < bytes.length; i++) {
      s += String.fromCharCode(bytes[i]);
    }
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  async function post(path, body, headers) {
    var h = { "Content-Type": "application/json", "X-CSRF-Token": csrf() };
    Object.keys(headers || {}).forEach(function (k) { h[k] = headers[k]; });
    var r = await fetch(path, { method: "POST", credentials: "same-origin", headers: h,
      body: body === undefined ? "" : JSON.stringify(body) });
    var json = await r.json().catch(function () { return {}; });
    if (!r.ok) {
      var code = json.error ? json.error.code : "HTTP_" + r.status;
      throw new Error(code + (json.error ? ": " + json.error.message : ""));
    }
    return json;
  }

  function credentialJson(cred, kind) {
    var resp = { clientDataJSON: toB64u(cred.response.clientDataJSON) };
    if (kind === "create") {
      resp.attestationObject = toB64u(cred.response.attestationObject);
      if (cred.response.getTransports) {
        resp.transports = cred.response.getTransports();
      }
    } else {
      resp.authenticatorData = toB64u(cred.response.authenticatorData);
      resp.signature = toB64u(cred.response.signature);
      if (cred.response.userHandle) {
        resp.userHandle = toB64u(cred.response.userHandle);
      }
    }
    return { type: cred.type, id: cred.id, rawId: toB64u(cred.rawId), response: resp,
      clientExtensionResults: cred.getClientExtensionResults ? cred.getClientExtensionResults() : {} };
  }

  function say(el, text, isError) {
    if (el) {
      el.textContent = text;
      el.className = isError ? "error" : "notice";
    }
  }

  // --- enrolment (password page) ---
  async function addPasskey(event) {
    event.preventDefault();
    var result = document.getElementById("passkey-result");
    var password = document.getElementById("passkey-password").value;
    var factor = document.getElementById("passkey-factor").value.trim();
    var label = document.getElementById("passkey-label").value.trim() || "passkey";
    try {
      var stepUp = { password: password, route: "POST /v1/auth/passkeys/registration/options" };
      if (factor) {
        stepUp[/^[0-9]{6}$/.test(factor) ? "totp" : "recoveryCode"] = factor;
      }
      var su = await post("/v1/auth/step-up", stepUp);
      var options = await post("/v1/auth/passkeys/registration/options", undefined,
        { "X-Step-Up-Token": su.stepUpToken });
      var pk = options.publicKey;
      pk.challenge = fromB64u(pk.challenge);
      pk.user.id = fromB64u(pk.user.id);
      (pk.excludeCredentials || []).forEach(function (c) { c.id = fromB64u(c.id); });
      var cred = await navigator.credentials.create({ publicKey: pk });
      var done = await post("/v1/auth/passkeys/registration",
        { challengeId: options.challengeId, credential: credentialJson(cred, "create"), label: label });
      say(result, "Passkey \u201c" + done.label + "\u201d added.", false);
      var list = document.getElementById("recovery-codes");
      if (list && done.recoveryCodes && done.recoveryCodes.length) {
        list.hidden = false;
        var ol = list.querySelector("ol");
        done.recoveryCodes.forEach(function (c) {
          var li = document.createElement("li");
          li.textContent = c;
          ol.appendChild(li);
        });
      }
    } catch (e) {
      say(result, "Passkey not added: " + e.message, true);
    }
  }

  // --- a passkey as the second factor of a console change ---
  async function usePasskey(event) {
    event.preventDefault();
    var button = event.currentTarget;
    var scope = button.closest("fieldset") || document;
    var status = scope.querySelector(".passkey-status");
    try {
      var options = await post("/v1/auth/passkeys/assertion/options");
      var pk = options.publicKey;
      pk.challenge = fromB64u(pk.challenge);
      (pk.allowCredentials || []).forEach(function (c) { c.id = fromB64u(c.id); });
      var cred = await navigator.credentials.get({ publicKey: pk });
      scope.querySelector("input[name=passkeyChallenge]").value = options.challengeId;
      scope.querySelector("input[name=passkeyCredential]").value = JSON.stringify(credentialJson(cred, "get"));
      say(status, "Passkey ready for the next change.", false);
    } catch (e) {
      say(status, "Passkey not used: " + e.message, true);
    }
  }

  // an assertion answers one challenge: after a change was sent, the next one needs the passkey again
  document.addEventListener("htmx:afterRequest", function () {
    document.querySelectorAll("input[name=passkeyChallenge], input[name=passkeyCredential]").forEach(function (i) {
      i.value = "";
    });
    document.querySelectorAll(".passkey-status").forEach(function (s) { s.textContent = ""; });
  });

  document.addEventListener("DOMContentLoaded", function () {
    var add = document.getElementById("add-passkey-form");
    if (add) {
      add.addEventListener("submit", addPasskey);
    }
    document.querySelectorAll("button.use-passkey").forEach(function (b) {
      b.addEventListener("click", usePasskey);
    });
  });
})();
