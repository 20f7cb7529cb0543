/* The site's side of its DataCamp Light exercises (layouts/_shortcodes/exercise.html; README:
   "Exercises on the page"). Each `.exercise` holds the div that DataCamp Light boots
   and, beside it, the static version, which the client never touches. The client is v3
   (docs/runtime.md); everything this script relies on is the same in v3 as in v2 (src/boot.tsx,
   src/redux/backend-session at v3 01df879).

   - "Copy code" copies the code run before the exercise, then the sample, each as DataCamp Light reads
     it: indentation stripped (npm strip-indent), then trimmed. (v3 runs a line that installs the
     exercise's data-packages before that code; it is DataCamp's, so it is not copied.)
   - When the client boots an exercise it removes the div's data-datacamp-exercise attribute, adds the
     class datacamp-exercise, and the CSS hides the static version. Its lazy loading (react-lazyload)
     checks at boot whether the box is in view while the client's own CSS still hides it, so a box
     already in view would wait for a scroll: a scroll event after boot makes it look again.
   - The static version comes back, with one line saying so, when the client's script fails to load or
     has booted nothing within the timeout (data-session-timeout on this script, seconds), when the
     session is broken, and when a session the reader started (a click in the box: the client starts
     its session on a click) is not ready within the timeout. A session that installs packages first
     (the box's data-packages is not empty) has data-install-timeout seconds instead. It goes away
     again when the session is ready. The session's state is the status text the client shows in its
     footer: DataCamp Light's BACKEND_STATUS texts "Workspace Ready", "Session Busy" and "Session Broken". */
(function () {
  "use strict";

  var script = document.currentScript;
  var timeout = 1000 * (parseFloat(script && script.getAttribute("data-session-timeout")) || 10);
  var installTimeout = 1000 * (parseFloat(script && script.getAttribute("data-install-timeout")) || 60);
  var READY = "Workspace Ready";
  var BUSY = "Session Busy";
  var BROKEN = "Session Broken";
  var UNREACHABLE = "The interactive version of this exercise could not reach DataCamp's servers, so here is its static copy.";
  var RETRY = "Try the interactive version again";
  var BOOT_ATTRIBUTE = "data-datacamp-exercise";

  var exercises = [].slice.call(document.querySelectorAll(".exercise")).map(function (wrapper) {
    return {
      wrapper: wrapper,
      box: wrapper.querySelector("[" + BOOT_ATTRIBUTE + "], .datacamp-exercise"),
      fallback: wrapper.querySelector(".exercise-fallback"),
      deadline: null,
    };
  });

  /* strip-indent 2.0.0 (what DataCamp Light runs on each code part), then String.prototype.trim. */
  function datacampReads(text) {
    var indents = (text.match(/^[ \t]*(?=\S)/gm) || []).map(function (s) { return s.length; });
    var indent = indents.length ? Math.min.apply(Math, indents) : 0;
    return (indent ? text.replace(new RegExp("^[ \\t]{" + indent + "}", "gm"), "") : text).trim();
  }

  function codeOf(fallback, selector) {
    var block = fallback.querySelector(selector + " pre");
    return block ? datacampReads(block.textContent) : "";
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var done = document.execCommand("copy");
    document.body.removeChild(area);
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function setUpCopy(exercise) {
    var actions = exercise.fallback.querySelector(".exercise-actions");
    var button = actions.querySelector(".exercise-copy");
    var said = actions.querySelector(".exercise-copied");
    button.addEventListener("click", function () {
      var code = [codeOf(exercise.fallback, ".exercise-pre-body"), codeOf(exercise.fallback, ".exercise-sample")];
      copyText(code.filter(Boolean).join("\n\n")).then(
        function () { said.textContent = "Copied."; },
        function () { said.textContent = "Your browser did not allow copying: select the code instead."; }
      );
    });
    actions.hidden = false;
  }

  function isBooted(exercise) {
    return !exercise.box.hasAttribute(BOOT_ATTRIBUTE);
  }

  /* The client's footer shows the session's status as the text of a span: return that span. */
  function statusSpan(exercise) {
    var spans = exercise.box.querySelectorAll("span");
    for (var i = 0; i < spans.length; i++) {
      var text = spans[i].textContent.trim();
      if (text === READY || text === BROKEN || text === BUSY) return spans[i];
    }
    return null;
  }

  function sessionStatus(exercise) {
    var span = statusSpan(exercise);
    return span ? span.textContent.trim() : "";
  }

  function showStatic(exercise) {
    var status = exercise.fallback.querySelector(".exercise-status");
    status.textContent = UNREACHABLE + " ";
    if (isBooted(exercise)) {
      var retry = document.createElement("button");
      retry.type = "button";
      retry.className = "exercise-retry";
      retry.textContent = RETRY;
      retry.addEventListener("click", function () { retryInteractive(exercise); });
      status.appendChild(retry);
    }
    status.hidden = false;
    exercise.wrapper.setAttribute("data-state", "unreachable");
  }

  function showInteractive(exercise) {
    exercise.wrapper.removeAttribute("data-state");
    exercise.fallback.querySelector(".exercise-status").hidden = true;
  }

  /* Back to the interactive box; if the client offers "Restart Session", press it for the reader. */
  function retryInteractive(exercise) {
    showInteractive(exercise);
    var buttons = exercise.box.querySelectorAll("button");
    for (var i = 0; i < buttons.length; i++) {
      if (buttons[i].textContent.replace(/\s+/g, " ").trim() === "Restart Session") {
        buttons[i].click();
        return;
      }
    }
  }

  /* Did these mutations change the status span's text (a status the client has just set)? */
  function touchesStatus(records, span) {
    return records.some(function (record) {
      return span.contains(record.target) || [].some.call(record.addedNodes, function (node) { return node.contains(span); });
    });
  }

  /* After boot, the box's status decides: "Session Broken", as the client sets it, brings the static
     copy back, even for a session that worked before; "Workspace Ready" sends it away. A status that
     was already showing is no news: a click on "Restart Session" happens while "Session Broken" shows. */
  function watchStatus(exercise) {
    new MutationObserver(function (records) {
      var span = statusSpan(exercise);
      var status = span ? span.textContent.trim() : "";
      if (status === READY) {
        stopDeadline(exercise);
        if (exercise.wrapper.getAttribute("data-state") === "unreachable") showInteractive(exercise);
      } else if (status === BROKEN && touchesStatus(records, span)) {
        stopDeadline(exercise);
        showStatic(exercise);
      }
    }).observe(exercise.box, { subtree: true, childList: true, characterData: true });
  }

  /* Does the session install packages before it is ready? The client keeps the div's attributes. */
  function installs(exercise) {
    return (exercise.box.getAttribute("data-packages") || "").trim() !== "";
  }

  /* A session the reader starts (a click in the box) must be ready within the timeout. */
  function startDeadline(exercise) {
    if (exercise.deadline !== null || !isBooted(exercise) || sessionStatus(exercise) === READY) return;
    exercise.deadline = setTimeout(function () {
      exercise.deadline = null;
      if (sessionStatus(exercise) !== READY) showStatic(exercise);
    }, installs(exercise) ? Math.max(timeout, installTimeout) : timeout);
  }

  function stopDeadline(exercise) {
    clearTimeout(exercise.deadline);
    exercise.deadline = null;
  }

  var nudge = null;
  function onBoot(exercise) {
    if (exercise.wrapper.getAttribute("data-state") === "unreachable") {
      showInteractive(exercise);  // the client came late: its box replaces the static copy
    }
    watchStatus(exercise);
    if (nudge === null) {
      nudge = setTimeout(function () {
        nudge = null;
        window.dispatchEvent(new Event("scroll"));
      }, 0);
    }
  }

  function markUnbooted() {
    exercises.forEach(function (exercise) {
      if (!isBooted(exercise)) showStatic(exercise);
    });
  }

  exercises.forEach(function (exercise) {
    if (!exercise.box || !exercise.fallback) return;
    setUpCopy(exercise);
    if (isBooted(exercise)) {
      onBoot(exercise);
    } else {
      new MutationObserver(function (records, observer) {
        if (isBooted(exercise)) {
          observer.disconnect();
          onBoot(exercise);
        }
      }).observe(exercise.box, { attributes: true, attributeFilter: [BOOT_ATTRIBUTE] });
    }
    exercise.box.addEventListener("click", function () { startDeadline(exercise); }, true);
  });
  exercises = exercises.filter(function (exercise) { return exercise.box && exercise.fallback; });

  /* The client's script: load and error events do not bubble, but they pass window when captured. */
  function isClientScript(target) {
    return target && target.tagName === "SCRIPT" && target.hasAttribute("data-datacamp-light");
  }
  window.addEventListener("error", function (event) {
    if (isClientScript(event.target)) markUnbooted();
  }, true);
  window.addEventListener("load", function () {
    setTimeout(markUnbooted, 0);  // loaded, yet it booted nothing
  });
  setTimeout(markUnbooted, timeout);  // still loading
})();
