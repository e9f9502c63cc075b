"""Drives a page with the keyboard alone, checking on every stop that focus is visible."""

_FOCUS = """(selector) => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
        matches: selector ? el.matches(selector) : false,
        visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
            || style.boxShadow !== 'none',
        onScreen: box.width > 0 && box.height > 0,
        what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
            + (typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '')
            + ' "' + (el.innerText || el.value || '').trim().slice(0, 40) + '"',
    };
}"""

_FOCUSABLE = """() => [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, '
    + '[tabindex]:not([tabindex="-1"])'
)].filter(el => !el.disabled && el.getClientRects().length).length"""


class KeyboardUser:
    def __init__(self, page):
        self.page = page
        self.problems: list[str] = []

    def focused(self, selector: str | None = None) -> dict | None:
        return self.page.evaluate(_FOCUS, selector)

    def tab_to(self, selector: str, limit: int = 400) -> None:
        """Presses Tab until the element matching the selector has focus."""
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            state = self.focused(selector)
            if state is None:
                continue  # focus left the page and comes back on the next Tab
            if not state["visible"] or not state["onScreen"]:
                self.problems.append(f"{self.page.url}: no visible focus on {state['what']}")
            if state["matches"]:
                return
        raise AssertionError(f"Tab never reaches {selector} on {self.page.url}")

    def activate(self, selector: str) -> None:
        """Tabs to a link or button and presses Enter; it leads to another page."""
        self.tab_to(selector)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")

    def choose_radio(self, ids: list[str], target: str) -> None:
        """Tab enters a radio group on its first radio; arrows move the choice."""
        self.tab_to(f"#{ids[0]}")
        steps = ids.index(target)
        if steps == 0:
            self.page.keyboard.press("Space")
        for _ in range(steps):
            self.page.keyboard.press("ArrowDown")

    def choose_option(self, select_id: str, index: int) -> None:
        self.tab_to(f"[id='{select_id}']")
        for _ in range(index):
            self.page.keyboard.press("ArrowDown")

    def tabbing_leaves_no_trap(self) -> bool:
        """Tabbing forward from the top passes every control and comes round to the start."""
        count = self.page.evaluate(_FOCUSABLE)
        self.page.keyboard.press("Tab")
        first = self.focused()
        for _ in range(count + 5):
            self.page.keyboard.press("Tab")
            state = self.focused()
            if state is None or (first and state["what"] == first["what"]):
                return True
        return False
