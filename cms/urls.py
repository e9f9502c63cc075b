from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from certificates import urls as certificate_urls
from certificates.admin_views import certificate_bulk_action
from cms import dashboard, page_cache, search, views

# One way in: Wagtail's own login, password reset and page-privacy login would skip
# allauth's lockout, email verification and second factor, so they lead to allauth's.
to_login = RedirectView.as_view(pattern_name="account_login", query_string=True)
to_password_reset = RedirectView.as_view(pattern_name="account_reset_password")

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("healthz/worker", views.healthz_worker, name="healthz_worker"),
    path("admin/login/", to_login),
    path("admin/logout/", RedirectView.as_view(pattern_name="account_logout")),
    re_path(r"^admin/password_reset/", to_password_reset),
    # Wagtail's deliberate error page, for testing error reporting: not on a live site.
    path("admin/failwhale/", views.not_found),
    path(
        "admin/bulk/certificates/<str:model_name>/<str:action>/",
        certificate_bulk_action,
        name="certificate_bulk_action",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    *certificate_urls.verify_urlpatterns,
]

if settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
    # Media on local disk (the embedded default, or production without a bucket): only
    # images are public files. Documents may sit in a restricted collection and are served
    # by Wagtail's document view, which checks; they are never under /media/.
    urlpatterns += [
        re_path(r"^media/(?P<path>(?:images|original_images)/[^/]+)$", views.public_media),
    ]

urlpatterns += i18n_patterns(
    path("my/", dashboard.dashboard, name="dashboard"),
    path("my/", include("courses.urls")),
    path("my/", include(certificate_urls.learner_urlpatterns)),
    path("my/", include("events.urls")),
    path("my/", include("plans.urls")),
    path(_("search/"), search.search, name="search"),
    path("_util/login/", to_login),
    # Wagtail's page view, with the site and route from the cache (cms/page_cache.py).
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, page_cache.serve, name="wagtail_serve"),
)
