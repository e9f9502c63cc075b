from django.urls import path

from courses import views
from courses.quizzes import views as quiz_views

urlpatterns = [
    path("lessons/<id:lesson_id>/progress/", views.lesson_progress, name="lesson_progress"),
    path("quizzes/<id:quiz_id>/start/", quiz_views.quiz_start, name="quiz_start"),
    path("quizzes/<id:quiz_id>/submit/", quiz_views.quiz_submit, name="quiz_submit"),
    path("quizzes/<id:quiz_id>/profile/", quiz_views.profile_submit, name="profile_submit"),
    path("quiz-attempts/<id:attempt_id>/", quiz_views.attempt_result, name="quiz_attempt"),
]
