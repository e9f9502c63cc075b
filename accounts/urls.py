from django.urls import path

from accounts import views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/export/", views.request_export, name="data_export_request"),
    path("profile/export/<uuid:export_id>/", views.download_export, name="data_export_download"),
    path("profile/delete/", views.delete_account, name="account_delete"),
    path("deleted/", views.account_deleted, name="account_deleted"),
]
