from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from certificates import urls as certificate_urls
from cms import dashboard, search, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    *certificate_urls.verify_urlpatterns,
]

if settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
    # The embedded default keeps media on local disk; production uses object storage.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += i18n_patterns(
    path("my/", dashboard.dashboard, name="dashboard"),
    path("my/", include("courses.urls")),
    path("my/", include(certificate_urls.learner_urlpatterns)),
    path(_("search/"), search.search, name="search"),
    path("", include(wagtail_urls)),
)
