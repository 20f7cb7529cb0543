/* A stand-in for DataCamp Light, served in place of the real client (dcl-react v3, from
   github.com/datacamp/datacamp-light branch v3 at 01df879, v3.0.0-beta.7; docs/runtime.md) by the browser
   tests, which cannot load it from DataCamp's CDN. It is not the client. It is a small model, written for
   these tests, of what the client does to a page, each point taken from the client's source:
   - src/index.ts: boots every [data-datacamp-exercise] on DOMContentLoaded, or at once if the document
     has already loaded.
   - src/boot.tsx: reads each part from the first code[data-type=…] as stripIndent(textContent).trim(),
     the hint as the innerHTML of [data-type=hint]; data-lang-version and data-packages as they are
     (getAttribute: null when absent); the pre-exercise code is src/helpers/packages.ts's install line
     for data-packages (Python only; none when it is absent or blank), then the part; the height from
     data-height, else 78 + 17 px per sample line, at least 300; data-no-lazy-load. It sets
     element.style.height, renders into the element (React 16's render replaces all its children), then
     removes data-datacamp-exercise and adds the class datacamp-exercise.
   - react-lazyload 3.2.1, as boot.tsx uses it (offset 200, once, debounce 50): a wrapper div is mounted
     inside the element and checked at once (hidden by CSS if it has no offsetWidth, offsetHeight or
     client rects; else in view or not), then on window scroll events; until it is visible, the
     Placeholder (the DataCamp logo) shows.
   - src/components/App/index.module.scss, injected when the script runs:
     div[data-datacamp-exercise] > code, > div, > p { display: none }, so the wrapper is hidden at mount.
   - src/components/App: the app, as tall as the setting: golden-layout (header 30 px, splitter 5 px,
     minItemWidth 300, responsiveMode "always": below 600 px one stack with both tabs) with the editor
     "script.py" and the console "IPython Shell"; the editor ends 50 px above the layout's bottom
     (ui-editor's CSS); a 48 px footer with Hint, Submit (disabled while the session is busy or
     broken), the backend status (a dot and a span with its text) and Restart Session (only when
     broken). Ace: font-size 0.85em of the app's 16 px, line-height 1.3em, gutter 50 px.
   - src/redux/backend-session/index.ts, selectImageTag.ts, src/helpers/baseExercise.ts and
     vendor/@datacamp/multiplexer-client: the session starts on the first click in the app (viewsStart):
     status "Session Busy", a POST to the multiplexer's /new with the query language, force_new (true:
     the first start counts as new, a restart forces it) and course_id, the image selectImageTag picks
     ("dcl-python-3.6" for data-lang-version="3.6"; "" when neither attribute is there); then a POST to
     /input?sid=… whose command is init('{…}'), the exercise's code as JSON (DC_PEC: the pre-exercise code
     with its install line); "Workspace Ready" when both are answered, "Session Broken" when one cannot
     be. Restart Session starts it again; Submit POSTs a submit('{…}') command to /input, with the same
     statuses. The real client then polls /read for the output: the stand-in does not.
   The tests choose how the multiplexer answers by routing its address. */
(function () {
  "use strict";

  var MULTIPLEXER = "https://multiplexer-prod.datacamp.com";
  var STATUS = { none: "", busy: "Session Busy", ready: "Workspace Ready", broken: "Session Broken" };
  var ACE_FONT = "Monaco, Menlo, 'Ubuntu Mono', Consolas, source-code-pro, monospace";

  var style = document.createElement("style");
  style.textContent = [
    "div[data-datacamp-exercise] { min-height: 300px; position: relative; background: #fff; color: transparent; }",
    "div[data-datacamp-exercise] > code, div[data-datacamp-exercise] > div, div[data-datacamp-exercise] > p { display: none; }",
    ".datacamp-exercise { margin-bottom: 1em; font: 16px/1.5 sans-serif; color: black; }",
    ".dcl-placeholder { min-height: 300px; display: flex; align-items: center; justify-content: center; }",
    ".dcl-app { position: relative; display: flex; flex-direction: column; outline: 1px solid #ccc; }",
    ".dcl-exercise { position: relative; flex: 1; }",
    ".lm_goldenlayout { position: relative; width: 100%; overflow: hidden; }",
    ".lm_stack { float: left; height: 100%; position: relative; }",
    ".lm_splitter { float: left; width: 5px; height: 100%; }",
    ".lm_header { height: 30px; white-space: nowrap; overflow: hidden; }",
    ".lm_tab { display: inline-block; padding: 0 10px; }",
    ".lm_items { position: relative; }",
    ".lm_item_container { position: absolute; inset: 0; }",
    ".ace_editor { position: absolute; top: 0; left: 0; right: 0; bottom: 50px; overflow: hidden; }",
    ".ace_gutter { position: absolute; top: 0; bottom: 0; left: 0; width: 50px; }",
    ".ace_scroller { position: absolute; top: 0; bottom: 0; left: 50px; right: 0; overflow: hidden; }",
    ".ace_line { white-space: pre-wrap; min-height: 1.3em; }",
    ".dcl-footer { height: 48px; display: flex; align-items: center; }",
    ".dcl-spacer { flex-grow: 1; }",
  ].join("\n");
  document.head.appendChild(style);

  function stripIndent(text) {
    var indents = (text.match(/^[ \t]*(?=\S)/gm) || []).map(function (s) { return s.length; });
    var indent = indents.length ? Math.min.apply(Math, indents) : 0;
    return indent ? text.replace(new RegExp("^[ \\t]{" + indent + "}", "gm"), "") : text;
  }

  /* src/helpers/packages.ts: split at "," (no trimming), each quoted, each followed by ",". */
  function getPackages(packages, language) {
    if (language !== "python" || packages === null || packages.trim() === "") return "";
    var list = packages.split(",").reduce(function (text, one) { return text + "'" + one + "',"; }, "");
    return "from dcl_package_manager import install_packages, print_packages; install_packages([" + list + "])\n";
  }

  /* src/redux/backend-session/selectImageTag.ts */
  function selectImageTag(language, version, packages) {
    if (packages === null && version === null) return "";
    if (language === "python") return ["3.5", "3.6"].indexOf(version) >= 0 ? "dcl-python-" + version : "dcl-python-3.5";
    return "";
  }

  function getSettings(element) {
    var text = function (type) {
      var code = element.querySelector("code[data-type=" + type + "]");
      return code ? stripIndent(code.textContent).trim() : "";
    };
    var hint = element.querySelector("[data-type=hint]");
    var settings = {
      id: element.id,
      height: parseInt(element.getAttribute("data-height") || "auto", 10),
      language: element.getAttribute("data-lang") || "r",
      lang_version: element.getAttribute("data-lang-version"),
      packages: element.getAttribute("data-packages"),
      hint: hint ? hint.innerHTML : undefined,
      pre_exercise_code: getPackages(element.getAttribute("data-packages"), element.getAttribute("data-lang")) + text("pre-exercise-code"),
      sample_code: text("sample-code"),
      solution: text("solution"),
      sct: text("sct"),
      noLazyLoad: element.hasAttribute("data-no-lazy-load") && element.getAttribute("data-no-lazy-load").toLowerCase() !== "false",
    };
    if (isNaN(settings.height)) settings.height = 78 + settings.sample_code.split(/\r?\n/).length * 17;
    settings.height = settings.height >= 300 ? settings.height : 300;
    return settings;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function stack(titles, content, width, height) {
    var node = el("div", "lm_item lm_stack");
    node.style.width = width + "px";
    var header = node.appendChild(el("div", "lm_header"));
    titles.forEach(function (title) { header.appendChild(el("span", "lm_tab", title)); });
    var items = node.appendChild(el("div", "lm_items"));
    items.style.height = height - 30 + "px";
    items.appendChild(el("div", "lm_item_container")).appendChild(content);
    return node;
  }

  function editor(settings, number) {
    var ace = el("div", "ace_editor");
    ace.id = "ace-code-editor-" + number;
    ace.style.fontFamily = ACE_FONT;
    ace.style.fontSize = "0.85em";
    ace.style.lineHeight = "1.3em";
    var gutter = ace.appendChild(el("div", "ace_gutter"));
    var content = ace.appendChild(el("div", "ace_scroller")).appendChild(el("div", "ace_content"));
    settings.sample_code.split("\n").forEach(function (line, i) {
      gutter.appendChild(el("div", "ace_gutter-cell", String(i + 1)));
      content.appendChild(el("div", "ace_line", line));
    });
    return ace;
  }

  function App(element, settings, number) {
    var app = el("div", "dcl-app");
    app.style.height = settings.height + "px";
    var exercise = app.appendChild(el("div", "dcl-exercise"));
    var root = exercise.appendChild(el("div", "lm_goldenlayout lm_item lm_root"));
    var height = settings.height - 48;
    root.style.height = height + "px";
    var footer = app.appendChild(el("div", "dcl-footer"));
    var status = "none";

    var width = element.clientWidth;
    var console_ = el("div", "dcl-console");
    if (width >= 2 * 300) {
      var half = (width - 5) / 2;
      root.appendChild(stack(["script.py"], editor(settings, number), half, height));
      root.appendChild(el("div", "lm_splitter lm_horizontal"));
      root.appendChild(stack(["IPython Shell"], console_, half, height));
    } else {
      root.appendChild(stack(["script.py", "IPython Shell"], editor(settings, number), width, height));
    }

    if (settings.hint) footer.appendChild(el("button", "dcl-hint", "Hint"));
    var submit = settings.sct ? footer.appendChild(el("button", "dcl-submit", "Submit")) : null;
    var statusBox = footer.appendChild(el("div", "dcl-status"));
    statusBox.appendChild(el("span", "dcl-dot", "\u25cf"));
    var statusText = statusBox.appendChild(el("span", "dcl-status-text"));
    footer.appendChild(el("div", "dcl-spacer"));
    var restartBox = footer.appendChild(el("div", "dcl-restart"));
    footer.appendChild(el("a", "dcl-logo", "DataCamp"));

    function setStatus(next) {
      status = next;
      statusText.textContent = STATUS[status];
      statusBox.setAttribute("data-status", status);
      if (submit) submit.disabled = status === "busy" || status === "broken";
      restartBox.textContent = "";
      if (status === "broken") {
        var restart = restartBox.appendChild(el("button", "dcl-restart-button"));
        restart.appendChild(el("span", "", "Restart"));
        restart.appendChild(el("span", "dcl-large-screen", " Session"));
        restart.addEventListener("click", startSession);
      }
    }

    /* What the client sends, recorded for the tests (not the client's). */
    var sent = (window.DCL.sent[settings.id] = window.DCL.sent[settings.id] || []);

    function post(uri, query, body) {
      var search = Object.keys(query).map(function (key) { return encodeURIComponent(key) + "=" + encodeURIComponent(query[key]); }).join("&");
      return fetch(MULTIPLEXER + uri + "?" + search, { method: "POST", headers: { "Content-Type": "text/plain" }, body: JSON.stringify(body) })
        .then(function (response) { if (!response.ok) throw new Error(response.status); });
    }

    /* baseExercise.ts's prepareSubmit, as multiplexer-client's Python backend formats it: command('{json}'). */
    function command(name) {
      var fields = { DC_CODE: settings.sample_code, DC_PEC: settings.pre_exercise_code, DC_SCT: settings.sct,
        DC_SOLUTION: settings.solution, DC_TYPE: "NormalExercise", DC_FILENAME: "script.py" };
      sent.push({ uri: "/input", command: name, fields: fields });
      return name + "('" + JSON.stringify(fields).replace(/\\/g, "\\\\").replace(/'/g, "\\'") + "')";
    }

    function startSession() {
      var query = { language: settings.language, force_new: true, course_id: selectImageTag(settings.language, settings.lang_version, settings.packages) };
      sent.push({ uri: "/new", query: query });
      setStatus("busy");
      post("/new", query, { email: "datacamp-light+" + settings.id + "@datacamp.com", authentication_token: settings.id })
        .then(function () { return post("/input", { sid: settings.id }, { command: command("init") }); })
        .then(function () { setStatus("ready"); }, function () { setStatus("broken"); });
    }

    if (submit) submit.addEventListener("click", function () {
      setStatus("busy");
      post("/input", { sid: settings.id }, { command: command("submit") })
        .then(function () { setStatus("ready"); }, function () { setStatus("broken"); });
    });

    var started = false;
    app.addEventListener("click", function () {
      if (!started) {
        started = true;
        startSession();
      }
    });
    setStatus("none");
    return app;
  }

  var listeners = [];
  var debounce = null;
  function checkVisible(entry) {
    var node = entry.wrapper;
    if (!(node.offsetWidth || node.offsetHeight || node.getClientRects().length)) return false;
    var rect = node.getBoundingClientRect();
    var offset = 200;
    return rect.top - offset <= window.innerHeight && rect.top + rect.height + offset >= 0;
  }
  function mountIfVisible(entry) {
    if (!checkVisible(entry)) return false;
    entry.wrapper.textContent = "";
    entry.wrapper.appendChild(entry.render());
    return true;
  }
  window.addEventListener("scroll", function () {
    clearTimeout(debounce);
    debounce = setTimeout(function () {
      listeners = listeners.filter(function (entry) { return !mountIfVisible(entry); });
    }, 50);
  }, { passive: true });

  /* Not the client's: what the stand-in read from each exercise (and, above, sent), for the tests to compare. */
  var read = {};
  var count = 0;
  function boot(element) {
    var settings = getSettings(element);
    read[settings.id] = settings;
    var number = ++count;
    element.style.height = settings.height + "px";
    element.textContent = "";
    var render = function () { return App(element, settings, number); };
    if (settings.noLazyLoad) {
      element.appendChild(render());
    } else {
      var wrapper = element.appendChild(el("div", "lazyload-wrapper "));
      wrapper.appendChild(el("div", "dcl-placeholder", "DataCamp"));
      var entry = { wrapper: wrapper, render: render };
      if (!mountIfVisible(entry)) listeners.push(entry);
    }
    element.removeAttribute("data-datacamp-exercise");
    element.className += " datacamp-exercise";
  }

  function bootstrapDCLightExercises() {
    document.querySelectorAll("[data-datacamp-exercise]").forEach(boot);
  }
  window.DCL = { init: bootstrapDCLightExercises, read: read, sent: {} };
  document.addEventListener("DOMContentLoaded", bootstrapDCLightExercises);
  if (document.readyState !== "loading") bootstrapDCLightExercises();
})();
