extension DashboardAssets {
    /// Live updates: listens to `/api/v1/events` (the session cookie
    /// authenticates it) and, when something arrives, reloads the fragment the
    /// page names in `data-live-fragment`, or shows a notice on pages that
    /// name none. Events for other patients than the page's
    /// `data-live-patient` are ignored.
    static let script = #"""
        (function () {
          "use strict";
          var root = document.querySelector("[data-live]");
          if (!root || !window.EventSource) { return; }
          var fragment = root.getAttribute("data-live-fragment");
          var patient = root.getAttribute("data-live-patient");
          var status = document.getElementById("live-status");
          var pending = null;
          function say(text) { if (status) { status.textContent = text; } }
          function refresh() {
            pending = null;
            if (!fragment) {
              var notice = document.getElementById("live-notice");
              if (notice) { notice.hidden = false; }
              return;
            }
            fetch(fragment, { credentials: "same-origin", headers: { "Accept": "text/html" } })
              .then(function (response) {
                if (response.redirected || !response.ok) { throw new Error("status " + response.status); }
                return response.text();
              })
              .then(function (html) {
                var target = document.getElementById("live-target");
                if (target) { target.innerHTML = html; }
                root.setAttribute("data-live-updated", String(Date.now()));
                say("Updated " + new Date().toLocaleTimeString());
              })
              .catch(function () { say("Live update failed; reload the page."); });
          }
          function onEvent(event) {
            var data = {};
            try { data = JSON.parse(event.data); } catch (e) { return; }
            if (patient && data.patientId !== patient) { return; }
            if (pending === null) { pending = setTimeout(refresh, 300); }
          }
          var source = new EventSource("/api/v1/events");
          ["news2.updated", "alert.created", "alert.updated", "alert.escalated", "alert.acknowledged",
           "alert.resolved"].forEach(function (type) { source.addEventListener(type, onEvent); });
          source.onopen = function () { say("Live"); root.setAttribute("data-live-connected", "true"); };
          source.onerror = function () { say("Reconnecting…"); };
        })();
        """#
}
