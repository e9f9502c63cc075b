from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def admin_csp_init():
    """Runs what Wagtail's inline scripts did, which the Content-Security-Policy blocks."""
    return format_html('<script src="{}" defer></script>', static("js/admin-csp.js"))
