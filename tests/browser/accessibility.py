"""axe-core (from the npm registry, installed by `make install`) injected into a page, and
the other checks WCAG 2.1 AA asks of every page: reflow at 200 % zoom and reduced motion."""

import os
from pathlib import Path

import pytest

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# 200 % zoom of a 1280 px wide window is a 640 CSS px viewport at twice the pixel density.
ZOOM_200 = {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2}


def axe_source() -> str:
    if not AXE_SCRIPT.exists():
        message = f"axe-core is missing at {AXE_SCRIPT}: run `make install` (npm ci)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return AXE_SCRIPT.read_text(encoding="utf-8")


def axe_violations(page, source: str) -> list[str]:
    """Every axe rule that fails on the page, of any impact, with the elements it names."""
    # Evaluated through the browser's developer protocol, which the page's CSP (no inline
    # scripts) does not govern; a <script> tag would be refused.
    page.evaluate(source + "\n;0")
    result = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
            }));
        }"""
    )
    return [f"{v['id']} ({v['impact']}): {v['help']} – {', '.join(v['targets'])}" for v in result]


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page scrolls sideways (0 when it reflows)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def moving_elements(page) -> list[str]:
    """Elements that still animate or transition although the visitor asked for less motion."""
    return page.evaluate(
        """() => [...document.querySelectorAll('*')].filter(el => {
            const style = getComputedStyle(el);
            const moves = (value) => value.split(',').some(part => parseFloat(part) > 0.01);
            return style.animationName !== 'none' && moves(style.animationDuration)
                || moves(style.transitionDuration);
        }).slice(0, 5).map(el => el.tagName.toLowerCase() + '.' + el.className)"""
    )
