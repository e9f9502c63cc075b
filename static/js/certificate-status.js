// While a certificate is being prepared, the dashboard asks every two seconds whether it
// is ready and reloads once it is (at most two minutes).
(function () {
    var section = document.querySelector("[data-poll-url]");
    if (!section) {
        return;
    }
    var url = section.getAttribute("data-poll-url");
    var tries = 0;
    function poll() {
        tries += 1;
        fetch(url, {credentials: "same-origin"})
            .then(function (response) { return response.json(); })
            .then(function (data) {
                var changed = data.certificates.some(function (c) {
                    return c.status !== "pending" && c.status !== "awaiting_name" &&
                        section.querySelector('[data-code="' + c.code + '"] .badge--in_progress');
                });
                if (changed) {
                    window.location.reload();
                } else if (tries < 60) {
                    setTimeout(poll, 2000);
                }
            });
    }
    setTimeout(poll, 1500);
})();
