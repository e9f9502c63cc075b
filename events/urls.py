from django.urls import path

from events import views

# Under the language prefix, beside the dashboard.
urlpatterns = [
    path("events/<id:event_id>/signup/", views.sign_up, name="event_signup"),
    path("events/registration/<uuid:token>/", views.registration, name="event_registration"),
]
