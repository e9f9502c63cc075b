from django.urls import path

from courses import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("lessons/<int:lesson_id>/progress/", views.lesson_progress, name="lesson_progress"),
]
