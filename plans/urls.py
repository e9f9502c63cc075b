from django.urls import path

from plans import views

# Under the language prefix, beside the dashboard.
urlpatterns = [
    path("plan/<id:course_id>/", views.overview, name="plan"),
    path("plan/<id:course_id>/pdf/", views.pdf, name="plan_pdf"),
    path("plan/<id:course_id>/ical/", views.ical, name="plan_ical"),
    path("plan/<id:course_id>/<slug:key>/", views.edit_step, name="plan_step"),
    path("tools/", views.tools, name="tools"),
    path("tools/<slug:key>/", views.worksheet, name="worksheet"),
]
