// Loads Disqus only when the reader clicks "Show comments", so that no third-party script
// runs (nor sets cookies) before the reader asks for it.
(function () {
  "use strict";
  var button = document.querySelector(".comments-button");
  if (!button) return;
  button.addEventListener("click", function () {
    var shortname = button.getAttribute("data-disqus-shortname");
    var url = button.getAttribute("data-disqus-url");
    var identifier = button.getAttribute("data-disqus-identifier");
    window.disqus_config = function () {
      this.page.url = url;
      this.page.identifier = identifier;
    };
    var script = document.createElement("script");
    script.src = "https://" + encodeURIComponent(shortname) + ".disqus.com/embed.js";
    script.setAttribute("data-timestamp", String(Date.now()));
    script.async = true;
    document.body.appendChild(script);
    button.disabled = true;
    button.textContent = "Loading comments…";
    button.hidden = true;
  });
})();
