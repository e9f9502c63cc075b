"""Wagtail's admin under a Content-Security-Policy without inline scripts.

Wagtail writes a few inline scripts: chooser widgets (`new ImageChooser(id, options)` after
the widget's HTML), inline panels and date pickers (in templates, replaced under
templates/wagtailadmin/). Each becomes a hidden marker with the same constructor name, id and
options, which static/js/admin-csp.js turns into the same call once the page has loaded.
"""

import json

from django.utils.html import format_html
from wagtail.admin.widgets.chooser import BaseChooser

_wagtail_render = BaseChooser.render


def _render_without_inline_script(self, name, value, attrs=None, renderer=None):
    if type(self).render_js_init is not BaseChooser.render_js_init:
        # A widget that writes its own script (the workflow task chooser): left as it is.
        return _wagtail_render(self, name, value, attrs, renderer)
    id_ = attrs["id"]
    value_data = self.get_value_data(value)
    return format_html(
        '{}<span hidden data-csp-init="{}" data-csp-new data-csp-id="{}" '
        'data-csp-options="{}"></span>',
        self.render_html(name, value_data, attrs),
        self.js_constructor,
        id_,
        json.dumps(self.get_js_init_options(id_, name, value_data)),
    )


def install() -> None:
    BaseChooser.render = _render_without_inline_script
