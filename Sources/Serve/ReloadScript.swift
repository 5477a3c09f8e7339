/// The script the preview server adds to every HTML page it serves (never to `Output/`): it
/// listens for build events, reloads the page after a rebuild, and shows a failed build's
/// error over the page until the next good build.
enum ReloadScript {
    static let path = "/__broadsheet/reload.js"
    static let eventsPath = "/__broadsheet/events"
    static let tag = "<script src=\"\(path)\"></script>"

    static let source = """
    (function () {
      "use strict";
      var overlayId = "broadsheet-build-error";
      function showError(message) {
        var overlay = document.getElementById(overlayId);
        if (!overlay) {
          overlay = document.createElement("div");
          overlay.id = overlayId;
          overlay.setAttribute("role", "alert");
          overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;" +
            "background:rgba(20,20,20,.94);color:#ffd7d7;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
          document.body.appendChild(overlay);
        }
        overlay.textContent = "Broadsheet build failed\\n\\n" + message + "\\n\\nThe last good build is still being served.";
      }
      var source = new EventSource("\(eventsPath)");
      // The console says why a page reloaded itself.
      source.addEventListener("open", function () { console.info("broadsheet: live reload on — " + document.title); });
      // This page as the build names it: its file in the output folder.
      function ownPath() {
        var path = decodeURIComponent(window.location.pathname).replace(/^\\/+/, "");
        return path === "" || path.slice(-1) === "/" ? path + "index.html" : path;
      }
      // The data: the build's number, then one page per line.
      function pagesOf(event) { return event.data.split("\\n").slice(1); }
      source.addEventListener("pages", function (event) {
        if (pagesOf(event).indexOf(ownPath()) < 0) return;
        console.info("broadsheet: this page rebuilt, reloading");
        window.location.reload();
      });
      source.addEventListener("reload", function (event) {
        if (pagesOf(event).indexOf(ownPath()) >= 0) return;
        console.info("broadsheet: site rebuilt, reloading");
        window.location.reload();
      });
      source.addEventListener("failure", function (event) {
        console.error("broadsheet: build failed; the last good build is still served\\n" + event.data);
        showError(event.data);
      });
    })();
    """
}
