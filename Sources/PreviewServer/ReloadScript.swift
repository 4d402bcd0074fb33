import SiteBuilder

/// The HTML the preview server adds to every page's `<head>` (through `BuildOptions.headExtra`), and the page it shows
/// before the first build succeeded.
enum ReloadScript {
    /// The path of the Server-Sent Events stream.
    static let eventsPath = "/__sitegen/events"

    /// Opens an `EventSource` on `eventsPath`: reloads on `reload` (or on `hello` with a newer site than the page has),
    /// shows the message of an `error` event in an overlay over the page, and closes the stream while the page is hidden
    /// in the back/forward cache.
    static let html = """
    <script>
    (function () {
      "use strict";
      if (!window.EventSource) return;
      var source = null;
      var version = null;
      function connect() {
        source = new EventSource("\(eventsPath)");
        source.addEventListener("hello", function (event) {
          if (version !== null && version !== event.data) { location.reload(); return; }
          version = event.data;
        });
        source.addEventListener("reload", function () { location.reload(); });
        source.addEventListener("error", function (event) {
          if (typeof event.data === "string") show(event.data);
        });
      }
      connect();
      // A page kept in the back/forward cache must not hold its stream open: browsers allow six connections a host.
      window.addEventListener("pagehide", function () { if (source) { source.close(); source = null; } });
      window.addEventListener("pageshow", function () { if (!source) connect(); });
      function show(message) {
        if (!document.body) {
          document.addEventListener("DOMContentLoaded", function () { show(message); });
          return;
        }
        var placeholder = document.getElementById("sitegen-build-error");
        if (placeholder) { placeholder.textContent = message; return; }
        var box = document.getElementById("sitegen-error");
        if (!box) {
          box = document.createElement("div");
          box.id = "sitegen-error";
          box.setAttribute("role", "alert");
          box.style.cssText = "position:fixed;inset:0 0 auto 0;z-index:2147483647;max-height:80vh;overflow:auto;" +
            "margin:0;padding:1rem 1.25rem;background:#2b0a0a;color:#ffe9e9;border-bottom:4px solid #e5484d;" +
            "font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 4px 24px rgba(0,0,0,.5)";
          var close = document.createElement("button");
          close.type = "button";
          close.textContent = "Dismiss";
          close.style.cssText = "float:right;margin-left:1rem;font:inherit;color:inherit;background:none;" +
            "border:1px solid currentColor;border-radius:4px;padding:.1rem .6rem;cursor:pointer";
          close.addEventListener("click", function () { box.remove(); });
          var title = document.createElement("strong");
          title.textContent = "sitegen: the rebuild failed; this page is the last good build.";
          var text = document.createElement("pre");
          text.style.cssText = "margin:.75rem 0 0;white-space:pre-wrap;font:inherit";
          box.append(close, title, text);
          document.body.appendChild(box);
        }
        box.querySelector("pre").textContent = message;
      }
    })();
    </script>
    """

    /// The page every path gets while there is no good build: the build's error, or a note that it is running.
    static func placeholderPage(failure: String?) -> String {
        let heading = failure == nil ? "Building the site…" : "The site could not be built"
        let detail = failure.map { "<pre id=\"sitegen-build-error\">\(HTMLText.escape($0))</pre>\n<p>Fix the problem and save: the page reloads when a build succeeds.</p>" }
            ?? "<pre id=\"sitegen-build-error\"></pre>\n<p>This page reloads when the build is done.</p>"
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>sitegen preview</title>
        \(html)
        </head>
        <body style="font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:48rem;padding:0 1rem">
        <h1>\(heading)</h1>
        \(detail)
        </body>
        </html>

        """
    }

}
