from django.urls import path

from certificates import views

# Language-neutral: printed on certificates.
verify_urlpatterns = [
    path("verify/", views.verify_lookup, name="verify_lookup"),
    path("verify/<str:code>.json", views.verify_json, name="verify_json"),
    path("verify/<str:code>/", views.verify, name="verify"),
]

# Under the learner's language prefix, beside the dashboard.
learner_urlpatterns = [
    path("certificates/status.json", views.certificate_status, name="certificate_status"),
    path(
        "certificates/course/<id:course_id>/",
        views.course_certificate,
        name="course_certificate",
    ),
    path("certificates/<str:code>/", views.certificate_detail, name="certificate_detail"),
    path("certificates/<str:code>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path("certificates/<str:code>/name/", views.confirm_name, name="certificate_confirm_name"),
]
