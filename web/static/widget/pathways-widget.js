/*
 * Pathways chat widget: one <script> tag on a college's page.
 *
 *   <script src="https://example.org/static/widget/pathways-widget.js"
 *           data-rasa-url="http://localhost:5005" defer></script>
 *
 * It loads socket.io-client (web/static/vendor/, served beside it) and its stylesheet
 * from the folder it was loaded from, talks to Rasa's socket.io channel
 * (session_request / session_confirm, user_uttered / bot_uttered), keeps the session id
 * and the conversation in localStorage (so it survives reloads and is shared by tabs)
 * for 30 days from the last message (then it is wiped; "Clear this chat" wipes it at
 * once and starts a new conversation, for a shared computer),
 * and renders text, buttons and route cards ({"type": "pathways.route", "position",
 * "route"}: the channel sends a card without its text summary; the card starts with the
 * next course's title and holds the route's buttons, "I'm interested" among them).
 * Learner and bot text only ever goes in through textContent. Under the
 * message box, thumbs up / thumbs down (aria-pressed) with an optional comment send
 * the socket.io event "rating" for the conversation.
 *
 * Optional attributes: data-title (the panel's heading), data-welcome (the line shown
 * above the conversation), data-socket-path (default /socket.io), data-storage-key
 * (default "pathways"), data-expiry-days (how long a quiet conversation is kept on this
 * computer, default 30).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || window.__pathwaysWidget) {
    return;
  }
  window.__pathwaysWidget = true;

  /** The largest message the widget sends, in UTF-8 bytes. */
  var MAX_BYTES = 10 * 1024;
  /** How many messages are kept in localStorage. */
  var MAX_HISTORY = 300;
  /** How long a conversation is kept in localStorage after its last message (days). */
  var EXPIRY_DAYS = 30;
  var DAY_MS = 24 * 60 * 60 * 1000;
  /** How long the typing indicator waits for a reply before it gives up (ms). */
  var TYPING_TIMEOUT = 30000;

  var KIND_LABELS = {
    "guaranteed-place": "Guaranteed place",
    "guaranteed-interview": "Guaranteed interview",
    "advanced-entry": "Advanced entry",
    "credit-recognition": "Credit recognised",
    "recognised-route": "Recognised route",
    "no-formal-agreement": "No formal agreement: apply as usual"
  };

  var base = new URL(".", script.src);
  var config = {
    rasaUrl: (script.getAttribute("data-rasa-url") || window.location.origin).replace(/\/+$/, ""),
    socketPath: script.getAttribute("data-socket-path") || "/socket.io",
    title: script.getAttribute("data-title") || "Ask Pathways about your next course",
    storageKey: script.getAttribute("data-storage-key") || "pathways",
    expiryMs: (parseFloat(script.getAttribute("data-expiry-days")) || EXPIRY_DAYS) * DAY_MS,
    // shown above the conversation (not sent to the assistant, not in the transcript)
    welcome: script.getAttribute("data-welcome") ||
      "Hi! Tell me what course you're doing now and what you're interested in, and " +
      "I'll suggest where you could go next, what you need to get in and who to talk to."
  };
  var keys = {
    session: config.storageKey + ":session",
    history: config.storageKey + ":history",
    owner: config.storageKey + ":owner",
    open: config.storageKey + ":open",
    // when the conversation was last active (ms since 1970): it expires after expiryMs
    active: config.storageKey + ":active"
  };
  var tabId = (function () {
    // kept in sessionStorage: a reload is the same tab, another tab is not
    try {
      var id = window.sessionStorage.getItem(config.storageKey + ":tab");
      if (!id) {
        id = Math.random().toString(36).slice(2) + Date.now().toString(36);
        window.sessionStorage.setItem(config.storageKey + ":tab", id);
      }
      return id;
    } catch (error) {
      return Math.random().toString(36).slice(2);
    }
  })();

  // ---- storage (localStorage may be unavailable: then the widget just forgets) ------

  function load(key, fallback) {
    try {
      var raw = window.localStorage.getItem(key);
      return raw === null ? fallback : JSON.parse(raw);
    } catch (error) {
      return fallback;
    }
  }

  function save(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (error) {
      /* private mode or full: the conversation is not kept */
    }
  }

  function forget() {
    [keys.session, keys.history, keys.owner, keys.open, keys.active].forEach(function (key) {
      try {
        window.localStorage.removeItem(key);
      } catch (error) {
        /* nothing was kept */
      }
    });
  }

  /** Wipe a stored conversation that has been quiet too long (or has no date). */
  function expireOldConversation() {
    var active = load(keys.active, null);
    var stored = load(keys.history, null) !== null || load(keys.session, null) !== null;
    if (stored && (typeof active !== "number" || Date.now() - active > config.expiryMs)) {
      forget();
    }
  }

  function touch() {
    save(keys.active, Date.now());
  }

  // ---- small DOM helpers (text only through textContent) ----------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) {
        return;
      }
      if (name === "text") {
        node.textContent = String(value);
      } else if (name === "className") {
        node.className = value;
      } else {
        node.setAttribute(name, value === true ? "" : String(value));
      }
    });
    (children || []).forEach(function (child) {
      if (child) {
        node.appendChild(child);
      }
    });
    return node;
  }

  function safeUrl(value, protocols) {
    try {
      var url = new URL(String(value));
      return protocols.indexOf(url.protocol) >= 0 ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  function utf8Bytes(text) {
    return new TextEncoder().encode(text).length;
  }

  // ---- what a bot message holds -----------------------------------------------------

  /** The route payload in a bot message, wherever the channel put it. */
  function findRoute(data) {
    var places = [data, data.custom, data.json_message, data.payload,
      data.attachment && data.attachment.payload];
    for (var i = 0; i < places.length; i += 1) {
      var candidate = places[i];
      if (candidate && typeof candidate === "object" && candidate.type === "pathways.route" &&
          candidate.route && Array.isArray(candidate.route.steps)) {
        return { position: Number(candidate.position) || 0, route: candidate.route };
      }
    }
    return null;
  }

  /** A bot_uttered event as {from, text, buttons, route}, or null if nothing to show. */
  function normalise(data) {
    if (!data || typeof data !== "object") {
      return typeof data === "string" && data ? { from: "bot", text: data, buttons: [] } : null;
    }
    var raw = data.quick_replies || data.buttons || [];
    var buttons = (Array.isArray(raw) ? raw : []).filter(function (b) {
      return b && typeof b.title === "string" && typeof b.payload === "string";
    }).map(function (b) {
      return { title: b.title, payload: b.payload };
    });
    var message = {
      from: "bot",
      text: typeof data.text === "string" ? data.text : "",
      buttons: buttons,
      route: findRoute(data)
    };
    return message.text || message.buttons.length || message.route ? message : null;
  }

  // ---- rendering ---------------------------------------------------------------------

  function kindLabel(kind) {
    var key = kind || "no-formal-agreement";
    return KIND_LABELS[key] || String(key).replace(/-/g, " ");
  }

  var MODE_LABELS = {
    "full-time": "full-time",
    "part-time": "part-time",
    "evening": "evenings",
    "work-based": "apprenticeship or work-based",
    "block-release": "block release",
    "distance": "distance learning"
  };

  /** A step's title, as a link to the course page when it has a safe one. */
  function titleNode(step) {
    var title = step.title || "A course";
    var link = step.url ? safeUrl(step.url, ["https:", "http:"]) : null;
    return link
      ? el("a", { href: link, target: "_blank", rel: "noopener noreferrer", text: title })
      : document.createTextNode(title);
  }

  /** "FdSc · Level 5 · part-time · 2 years" */
  function stepFacts(step) {
    var facts = [];
    if (step.qualification) { facts.push(step.qualification); }
    if (step.level) { facts.push("Level " + step.level); }
    var modes = Array.isArray(step.modes) ? step.modes.map(function (m) {
      return MODE_LABELS[m] || String(m);
    }) : [];
    if (modes.length) { facts.push(modes.join(" or ")); }
    if (step.duration) { facts.push(step.duration); }
    return facts.join(" · ");
  }

  /** One course on the path; the first one's title is the card's heading already. */
  function renderStep(step, index) {
    var where = [step.institution, step.town].filter(Boolean).join(", ");
    var kind = step.kind || "no-formal-agreement";
    return el("li", { className: "pw-step" }, [
      el("p", { className: "pw-arrow pw-kind-" + kind.replace(/[^a-z-]/g, "") }, [
        el("span", { className: "pw-arrow-line", "aria-hidden": "true", text: "↓" }),
        el("span", { className: "pw-visually-hidden", text: "How you get in: " }),
        el("span", { className: "pw-kind", text: kindLabel(kind) })
      ]),
      el("div", { className: "pw-course" }, [
        index === 0 ? null : el("p", { className: "pw-course-title" }, [titleNode(step)]),
        el("p", { className: "pw-course-facts", text: stepFacts(step) }),
        where ? el("p", { className: "pw-course-where", text: where }) : null,
        step.conditions ? el("p", { className: "pw-course-conditions",
          text: "Condition: " + step.conditions }) : null
      ])
    ]);
  }

  function renderContact(contact) {
    if (!contact || !contact.name) {
      return null;
    }
    var who = [contact.name, contact.role, contact.institution].filter(Boolean).join(", ");
    var ways = [];
    if (contact.email && /^[^\s@<>"']+@[^\s@<>"']+$/.test(contact.email)) {
      ways.push(el("a", { href: "mailto:" + contact.email, text: contact.email }));
    }
    if (contact.phone && /^[0-9 +()-]+$/.test(contact.phone)) {
      if (ways.length) { ways.push(document.createTextNode(" · ")); }
      ways.push(el("a", { href: "tel:" + contact.phone.replace(/[^0-9+]/g, ""),
        text: contact.phone }));
    }
    return el("div", { className: "pw-contact" }, [
      el("p", { className: "pw-contact-who" }, [
        el("span", { className: "pw-contact-label", text: "Contact: " }),
        document.createTextNode(who)
      ]),
      ways.length ? el("p", { className: "pw-contact-ways" }, ways) : null
    ]);
  }

  /** A route in words, for the live region: everything the card shows. */
  function routeWords(payload) {
    var steps = payload.route.steps.filter(function (s) { return s && typeof s === "object"; });
    var parts = steps.map(function (s, i) {
      var words = (i ? "Then: " : "") + (s.title || "A course") + " at " + (s.institution || "") +
        (s.level ? ", level " + s.level : "") + ". " + kindLabel(s.kind) + ".";
      return s.conditions ? words + " Condition: " + s.conditions + "." : words;
    });
    return (payload.position ? "Route " + payload.position + ": " : "Route: ") + parts.join(" ");
  }

  /** Whether a button says the learner is interested in the route. */
  function isInterest(button) {
    return /^\/route_interest\b/.test(String(button.payload));
  }

  /**
   * A route card: it starts with the title of the next course, then "Route n · from your
   * course now", the courses in order with how you get onto each, the contact, and the
   * route's buttons ("I'm interested", the follow-ups) and "Talk to an adviser".
   */
  function renderRoute(payload, widget, buttons) {
    var route = payload.route;
    var steps = route.steps.filter(function (s) { return s && typeof s === "object"; });
    var first = steps[0] || {};
    var label = payload.position ? "Route " + payload.position : "Route";
    var headingId = "pw-route-" + Math.random().toString(36).slice(2);
    var card = el("article", { className: "pw-route", "aria-labelledby": headingId }, [
      el("h3", { className: "pw-route-heading", id: headingId }, [titleNode(first)]),
      el("p", { className: "pw-route-label" }, [
        el("span", { className: "pw-route-number", text: label + " ·" }),
        el("span", { className: "pw-route-start", text: "from your course now" })
      ]),
      el("ol", { className: "pw-path", "aria-label": label + ": the courses in order" },
        steps.map(renderStep)),
      renderContact(route.contact)
    ]);
    var actions = el("div", { className: "pw-route-actions" });
    var course = (first.title || "this course") +
      (first.institution ? " at " + first.institution : "");
    (buttons || []).forEach(function (b) {
      var interest = isInterest(b);
      var button = widget.actionButton(String(b.title), String(b.payload),
        interest ? "I'm interested in " + course : null);
      if (interest) {
        button.className += " pw-interest";
        button.setAttribute("aria-label", String(b.title) + " in " + course);
      } else {
        button.setAttribute("aria-describedby", headingId);
      }
      actions.appendChild(button);
    });
    actions.appendChild(widget.actionButton("Talk to an adviser", "/request_human",
      "Can I talk to an adviser?"));
    card.appendChild(actions);
    return card;
  }

  // ---- the widget ----------------------------------------------------------------------

  function Widget() {
    expireOldConversation();
    this.history = load(keys.history, []);
    if (!Array.isArray(this.history)) { this.history = []; }
    this.sessionId = load(keys.session, null);
    this.socket = null;
    this.pending = [];
    this.state = "connecting";
    this.typingTimer = null;
    this.build();
    this.renderAll();
    this.connect();
    if (load(keys.open, false)) {
      this.open(false);
    }
    var self = this;
    window.addEventListener("storage", function (event) {
      if (event.key === keys.history || event.key === null) {
        self.history = load(keys.history, []);
        if (!Array.isArray(self.history)) { self.history = []; }
        self.renderAll();
      }
      if (event.key === keys.session || event.key === null) {
        // another tab cleared the chat (or started a new one): follow it
        var id = load(keys.session, null);
        if (id !== self.sessionId) {
          self.sessionId = id;
          if (!id && self.socket && self.state === "online") {
            self.socket.emit("session_request", { session_id: null });
          }
        }
      }
    });
  }

  Widget.prototype.build = function () {
    var self = this;
    this.launcher = el("button", {
      type: "button", className: "pw-launcher", "aria-expanded": "false",
      "aria-controls": "pw-panel", text: "Chat about your next course"
    });
    this.launcher.addEventListener("click", function () { self.open(true); });

    this.statusText = el("span", { className: "pw-status-text", text: "Connecting…" });
    this.status = el("p", { className: "pw-status pw-status-connecting" }, [
      el("span", { className: "pw-status-dot", "aria-hidden": "true" }), this.statusText
    ]);
    this.closeButton = el("button", { type: "button", className: "pw-close",
      "aria-label": "Close chat", title: "Close chat (Esc)" }, [
      el("span", { "aria-hidden": "true", text: "×" })
    ]);
    this.closeButton.addEventListener("click", function () { self.close(); });

    this.welcome = el("p", { className: "pw-welcome", text: config.welcome });
    this.log = el("ol", { className: "pw-messages" });
    // focusable so that keyboard users can scroll the conversation
    this.scroller = el("div", { className: "pw-scroller", tabindex: "0", role: "region",
      "aria-label": "Conversation" }, [this.welcome, this.log]);
    this.typing = el("p", { className: "pw-typing", hidden: true }, [
      el("span", { className: "pw-dots", "aria-hidden": "true" }, [
        el("span"), el("span"), el("span")
      ]),
      el("span", { text: "Pathways is typing…" })
    ]);
    this.announcer = el("div", { className: "pw-visually-hidden", "aria-live": "polite",
      "aria-atomic": "false" });

    this.input = el("textarea", { id: "pw-input", className: "pw-input", rows: "2",
      autocomplete: "off", "aria-describedby": "pw-note" });
    this.note = el("p", { id: "pw-note", className: "pw-note", role: "status" });
    this.send = el("button", { type: "submit", className: "pw-send", text: "Send" });
    this.form = el("form", { className: "pw-form" }, [
      el("label", { for: "pw-input", className: "pw-visually-hidden",
        text: "Your message" }),
      this.input, this.send
    ]);
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.submit();
    });
    this.input.addEventListener("input", function () { self.checkLength(); });
    this.input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        self.submit();
      }
    });

    this.clearButton = el("button", { type: "button", id: "pw-clear", className: "pw-clear",
      text: "Clear this chat", "aria-describedby": "pw-clear-note" });
    this.clearButton.addEventListener("click", function () { self.clear(); });
    this.tools = el("div", { className: "pw-tools" }, [
      this.clearButton,
      el("span", { id: "pw-clear-note", className: "pw-clear-note",
        text: "Removes this conversation from this computer and starts a new one." })
    ]);

    this.buildRating();

    this.panel = el("div", { id: "pw-panel", className: "pw-panel", role: "dialog",
      "aria-modal": "false", "aria-labelledby": "pw-title", hidden: true }, [
      el("header", { className: "pw-header" }, [
        el("div", { className: "pw-heading" }, [
          el("h2", { id: "pw-title", className: "pw-title", text: config.title }),
          this.status
        ]),
        this.closeButton
      ]),
      this.scroller, this.typing, this.form, this.note, this.rating, this.tools,
      this.announcer
    ]);
    // Esc closes the panel when the focus is in it, or nowhere (after a reload)
    document.addEventListener("keydown", function (event) {
      var where = document.activeElement;
      if (event.key === "Escape" && !self.panel.hidden &&
          (self.panel.contains(where) || !where || where === document.body)) {
        event.preventDefault();
        self.close();
      }
    });

    // a landmark of its own, so that everything on the host page stays inside landmarks
    this.root = el("aside", { className: "pw-root", "aria-label": "Pathways chat" },
      [this.launcher, this.panel]);
    document.body.appendChild(this.root);
  };

  // Thumbs up or down for the conversation, with an optional comment: sent as the
  // socket.io event "rating" and stored with the conversation (bot/channels/rating.py).
  Widget.prototype.buildRating = function () {
    var self = this;
    function thumb(value, icon, label) {
      var button = el("button", { type: "button", id: "pw-rate-" + value,
        className: "pw-rate", "aria-pressed": "false" }, [
        el("span", { "aria-hidden": "true", text: icon + " " }), el("span", { text: label })
      ]);
      button.addEventListener("click", function () { self.rate(value); });
      return button;
    }
    this.rateUp = thumb("up", "\uD83D\uDC4D", "Helpful");
    this.rateDown = thumb("down", "\uD83D\uDC4E", "Not helpful");
    this.rateComment = el("textarea", { id: "pw-rate-comment", className: "pw-input",
      rows: "2", maxlength: "500", autocomplete: "off", "aria-describedby": "pw-rate-hint" });
    this.rateSend = el("button", { type: "submit", id: "pw-rate-send", className: "pw-rate-send",
      text: "Send feedback" });
    this.rateForm = el("form", { className: "pw-rate-form", hidden: true }, [
      el("label", { for: "pw-rate-comment", text: "Tell us more (optional)" }),
      el("p", { id: "pw-rate-hint", className: "pw-clear-note",
        text: "Please don't include your name or contact details." }),
      this.rateComment, this.rateSend
    ]);
    this.rateForm.addEventListener("submit", function (event) {
      event.preventDefault();
      self.rate(self.rated, self.rateComment.value);
    });
    this.rating = el("div", { className: "pw-rating" }, [
      el("div", { className: "pw-rate-buttons", role: "group", "aria-labelledby": "pw-rate-label" }, [
        el("span", { id: "pw-rate-label", className: "pw-rate-label", text: "Was this chat helpful?" }),
        this.rateUp, this.rateDown
      ]),
      this.rateForm
    ]);
  };

  Widget.prototype.rate = function (value, comment) {
    if (!value) { return; }
    if (!this.socket || this.state !== "online" || !this.sessionId) {
      this.note.textContent = "Your rating could not be sent: the chat is not connected.";
      return;
    }
    this.rated = value;
    this.rateUp.setAttribute("aria-pressed", String(value === "up"));
    this.rateDown.setAttribute("aria-pressed", String(value === "down"));
    this.socket.emit("rating", { value: value, comment: comment || "", session_id: this.sessionId });
    if (comment === undefined) {
      this.rateForm.hidden = false;
    } else {
      this.rateComment.value = "";
      this.rateForm.hidden = true;
    }
  };

  Widget.prototype.resetRating = function () {
    this.rated = null;
    this.rateUp.setAttribute("aria-pressed", "false");
    this.rateDown.setAttribute("aria-pressed", "false");
    this.rateComment.value = "";
    this.rateForm.hidden = true;
  };

  Widget.prototype.open = function (focus) {
    this.panel.hidden = false;
    this.launcher.hidden = true;
    this.launcher.setAttribute("aria-expanded", "true");
    save(keys.open, true);
    this.scrollToEnd();
    if (focus) {
      this.input.focus();
    }
  };

  Widget.prototype.close = function () {
    this.panel.hidden = true;
    this.launcher.hidden = false;
    this.launcher.setAttribute("aria-expanded", "false");
    save(keys.open, false);
    this.launcher.focus();
  };

  Widget.prototype.setState = function (state, text) {
    this.state = state;
    this.status.className = "pw-status pw-status-" + state;
    this.statusText.textContent = text;
  };

  Widget.prototype.connect = function () {
    var self = this;
    if (typeof window.io !== "function") {
      this.setState("offline", "Chat unavailable (could not load)");
      return;
    }
    var socket = window.io(config.rasaUrl, {
      path: config.socketPath,
      reconnection: true,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 10000
    });
    this.socket = socket;
    socket.on("connect", function () {
      socket.emit("session_request", { session_id: self.sessionId });
    });
    socket.on("session_confirm", function (data) {
      var id = typeof data === "string" ? data : data && data.session_id;
      if (id) {
        self.sessionId = id;
        save(keys.session, id);
        // a new conversation is dated now; a reload of the page is not a message and
        // does not extend the 30 days (only add() does)
        if (typeof load(keys.active, null) !== "number") {
          touch();
        }
      }
      self.setState("online", "Online");
      self.flush();
    });
    socket.on("bot_uttered", function (data) { self.receive(data); });
    socket.on("rating_saved", function () {
      self.note.textContent = "Thank you for your feedback.";
      self.announce("Thank you for your feedback.");
    });
    socket.on("rating_refused", function () {
      self.note.textContent = "Your rating could not be saved. Send a message first, then rate the chat.";
    });
    socket.on("disconnect", function () {
      self.setState("reconnecting", "Connection lost, reconnecting…");
      self.announce("Connection lost. Reconnecting.");
    });
    socket.io.on("reconnect_attempt", function () {
      self.setState("reconnecting", "Reconnecting…");
    });
    socket.io.on("reconnect", function () {
      self.announce("Reconnected.");
    });
    socket.on("connect_error", function () {
      self.setState("offline", "Offline, trying again…");
    });
  };

  /** Send a user message (or a button payload) to Rasa. */
  Widget.prototype.emit = function (message) {
    if (!this.socket) {
      return;
    }
    save(keys.owner, tabId);
    this.showTyping();
    if (this.state !== "online") {
      // sent once the server has confirmed the session (after a reconnect too), so
      // that every message belongs to the same conversation
      this.pending.push(message);
      return;
    }
    this.socket.emit("user_uttered", { message: message, session_id: this.sessionId });
  };

  Widget.prototype.flush = function () {
    var waiting = this.pending;
    this.pending = [];
    for (var i = 0; i < waiting.length; i += 1) {
      this.socket.emit("user_uttered", { message: waiting[i], session_id: this.sessionId });
    }
  };

  Widget.prototype.submit = function () {
    var text = this.input.value.trim();
    if (!text || !this.checkLength()) {
      return;
    }
    this.input.value = "";
    this.add({ from: "user", text: text });
    this.emit(text);
    this.input.focus();
  };

  /** Show a polite note when the message is over 10 KB; return whether it can be sent. */
  Widget.prototype.checkLength = function () {
    var size = utf8Bytes(this.input.value);
    var fits = size <= MAX_BYTES;
    this.input.setAttribute("aria-invalid", fits ? "false" : "true");
    var note = fits ? "" : "Sorry, that message is too long to send (" +
      Math.ceil(size / 1024) + " KB; the limit is 10 KB). Could you shorten it?";
    if (this.note.textContent !== note) {
      this.note.textContent = note;
    }
    return fits;
  };

  Widget.prototype.actionButton = function (title, payload, said) {
    var self = this;
    var button = el("button", { type: "button", className: "pw-button", text: title });
    button.addEventListener("click", function () {
      self.add({ from: "user", text: said || title });
      self.emit(payload);
    });
    return button;
  };

  Widget.prototype.receive = function (data) {
    var message = normalise(data);
    this.hideTyping();
    if (!message) {
      return;
    }
    // every open tab of this session gets the bot's reply; the tab that sent the
    // learner's message keeps it, the others show it when localStorage changes
    var owner = load(keys.owner, null);
    if (owner !== null && owner !== tabId) {
      return;
    }
    var last = this.history[this.history.length - 1];
    if (message.route && !message.text && !message.buttons.length && last &&
        last.from === "bot" && !last.route) {
      // a route card comes right after its text summary: show them as one message
      last.route = message.route;
      this.store();
      if (this.log.lastChild) {
        this.log.replaceChild(this.renderMessage(last), this.log.lastChild);
      }
      this.scrollToEnd();
    } else {
      this.add(message);
    }
    var spoken = message.text || (message.route ? routeWords(message.route) : "");
    if (spoken) {
      this.announce("Pathways says: " + spoken);
    }
  };

  Widget.prototype.store = function () {
    if (this.history.length > MAX_HISTORY) {
      this.history = this.history.slice(-MAX_HISTORY);
    }
    save(keys.history, this.history);
  };

  Widget.prototype.add = function (message) {
    this.history.push(message);
    this.store();
    touch();
    this.log.appendChild(this.renderMessage(message));
    this.scrollToEnd();
  };

  /**
   * "Clear this chat": wipe what this computer keeps (the conversation, its session id)
   * and start a new conversation, so the next person at a shared computer sees nothing.
   */
  Widget.prototype.clear = function () {
    forget();
    this.resetRating();
    this.history = [];
    this.pending = [];
    this.sessionId = null;
    this.hideTyping();
    this.renderAll();
    if (this.socket && this.state === "online") {
      this.socket.emit("session_request", { session_id: null });
    }
    save(keys.open, true);
    this.announce("Chat cleared. A new conversation has started.");
    this.note.textContent = "This chat has been cleared from this computer.";
    this.input.focus();
  };

  Widget.prototype.renderAll = function () {
    this.log.textContent = "";
    var self = this;
    this.history.forEach(function (message) {
      if (message && typeof message === "object") {
        self.log.appendChild(self.renderMessage(message));
      }
    });
    this.scrollToEnd();
  };

  Widget.prototype.renderMessage = function (message) {
    var self = this;
    var fromBot = message.from === "bot";
    var item = el("li", { className: "pw-message " + (fromBot ? "pw-bot" : "pw-user") }, [
      el("span", { className: "pw-visually-hidden", text: fromBot ? "Pathways: " : "You: " })
    ]);
    var buttons = Array.isArray(message.buttons) ? message.buttons : [];
    if (message.route) {
      // the card says everything the route's text summary said: the route is shown once
      item.appendChild(renderRoute(message.route, this, buttons));
      return item;
    }
    if (message.text) {
      String(message.text).split(/\n{2,}/).forEach(function (part) {
        item.appendChild(el("p", { className: "pw-text", text: part }));
      });
    }
    if (buttons.length) {
      item.appendChild(el("div", { className: "pw-buttons" },
        message.buttons.map(function (b) {
          return self.actionButton(String(b.title), String(b.payload));
        })));
    }
    return item;
  };

  Widget.prototype.announce = function (text) {
    var line = el("p", { text: text });
    this.announcer.appendChild(line);
    while (this.announcer.childNodes.length > 5) {
      this.announcer.removeChild(this.announcer.firstChild);
    }
  };

  Widget.prototype.showTyping = function () {
    var self = this;
    this.typing.hidden = false;
    this.scrollToEnd();
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(function () { self.hideTyping(); }, TYPING_TIMEOUT);
  };

  Widget.prototype.hideTyping = function () {
    clearTimeout(this.typingTimer);
    this.typing.hidden = true;
  };

  Widget.prototype.scrollToEnd = function () {
    this.scroller.scrollTop = this.scroller.scrollHeight;
  };

  // ---- start: stylesheet and socket.io-client from beside this file ---------------------

  function addStylesheet() {
    var href = script.getAttribute("data-css") ||
      new URL("pathways-widget.css", base).href;
    var link = el("link", { rel: "stylesheet", href: href });
    document.head.appendChild(link);
  }

  function start() {
    addStylesheet();
    if (typeof window.io === "function") {
      new Widget();
      return;
    }
    var loader = el("script", { src: new URL("../vendor/socket.io.min.js", base).href });
    loader.addEventListener("load", function () { new Widget(); });
    loader.addEventListener("error", function () { new Widget(); });
    document.head.appendChild(loader);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
