// The admin runs under a Content-Security-Policy without inline scripts. The few inline
// scripts of Wagtail's templates (inline panels, date and time pickers) are replaced by
// <span data-csp-init="Name" data-csp-options="{json}" [data-csp-id="input id"] [data-csp-new]>
// markers (see cms/admin_csp.py and templates/wagtailadmin/), which this script turns into
// the same calls: on load, and whenever a marker is added (a new inline form, a modal).
(function () {
    "use strict";

    function init(marker) {
        if (marker.dataset.cspDone) {
            return;
        }
        var name = marker.dataset.cspInit;
        var target = window[name];
        if (typeof target !== "function") {
            return;
        }
        marker.dataset.cspDone = "1";
        var options = JSON.parse(marker.dataset.cspOptions || "null");
        if (marker.dataset.cspId !== undefined && marker.dataset.cspNew !== undefined) {
            new target(marker.dataset.cspId, options); // eslint-disable-line no-new
        } else if (marker.dataset.cspId !== undefined) {
            target(marker.dataset.cspId, options);
        } else {
            // InlinePanel and MultipleChooserPanel are classes.
            new target(options); // eslint-disable-line no-new
        }
    }

    function initAll(root) {
        if (root.matches && root.matches("[data-csp-init]")) {
            init(root);
        }
        if (root.querySelectorAll) {
            root.querySelectorAll("[data-csp-init]").forEach(function (marker) {
                // Markers inside <template> are inert copies; they run once cloned in.
                if (!marker.closest("template")) {
                    init(marker);
                }
            });
        }
    }

    function start() {
        initAll(document);
        new MutationObserver(function (mutations) {
            mutations.forEach(function (mutation) {
                mutation.addedNodes.forEach(function (node) {
                    if (node.nodeType === Node.ELEMENT_NODE) {
                        initAll(node);
                    }
                });
            });
        }).observe(document.body, {childList: true, subtree: true});
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
