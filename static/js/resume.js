// Where a visitor left off, kept in their own browser: a reader who only reads leaves no
// session on the server. A lesson or quiz page remembers itself per course (by the course's
// translation key, so it holds across languages); the course page, when the server knows no
// progress, turns "Start the course" into "Continue where you left off" on that page, in
// the language the course page is in.
(function () {
    var PREFIX = "resume:";
    function store() {
        try { return window.localStorage; } catch (error) { return null; }
    }
    var storage = store();
    if (!storage) {
        return;
    }
    var here = document.querySelector("[data-resume-course]");
    if (here) {
        try {
            storage.setItem(PREFIX + here.getAttribute("data-resume-course"), JSON.stringify({
                page: here.getAttribute("data-resume-page"),
                at: Date.now()
            }));
        } catch (error) { /* storage full or blocked: nothing to remember */ }
    }
    var button = document.querySelector("[data-resume-button]");
    if (!button) {
        return;
    }
    var saved;
    try {
        saved = JSON.parse(storage.getItem(PREFIX + button.getAttribute("data-resume-button")) || "null");
    } catch (error) {
        saved = null;
    }
    if (!saved || typeof saved.page !== "string") {
        return;
    }
    var link = document.querySelector('[data-item-key="' + saved.page.replace(/[^0-9a-f-]/g, "") + '"]');
    if (!link) {
        return;
    }
    button.setAttribute("href", link.getAttribute("href"));
    var label = button.querySelector("[data-resume-label]");
    if (label) {
        label.textContent = button.getAttribute("data-continue-label");
    }
    var target = button.querySelector(".visually-hidden");
    if (target) {
        target.textContent = ": " + link.textContent;
    }
})();
