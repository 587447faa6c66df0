from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    # The landing page every app names <app>:index; for core it is the dashboard.
    path("dashboard/", views.dashboard, name="index"),
]
