from django.urls import path

from . import views

app_name = "commissions"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.commission_detail, name="commission"),
    path("<int:pk>/seat/", views.seat_existing, name="seat_existing"),
    path("members/<int:pk>/dismiss/", views.dismiss, name="dismiss"),
    path("members/<int:pk>/replace/", views.replace, name="replace"),
    path("trainers/", views.trainers, name="trainers"),
    path("trainers/add/", views.trainer_add, name="trainer_add"),
    path("plans/", views.plans, name="plans"),
    path("sessions/add/", views.session_add, name="session_add"),
    path("sessions/<int:pk>/enrol/", views.enrol, name="enrol"),
    path("sessions/<int:pk>/budget/", views.budget_edit, name="budget_edit"),
    path("sessions/", views.sessions, name="sessions"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("sessions/<int:pk>/cancel/", views.session_cancel, name="session_cancel"),
    path("sessions/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("enrolments/<int:pk>/test/<str:kind>/", views.take_test, name="test"),
    path("enrolments/<int:pk>/exercise/", views.exercise, name="exercise"),
    path("enrolments/<int:pk>/exercise/<str:scenario>/", views.exercise, name="exercise_scenario"),
    path("certificates/<int:pk>.pdf", views.certificate_download, name="certificate"),
    path("certificates/<int:pk>/revoke/", views.certificate_revoke, name="certificate_revoke"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("coverage/", views.coverage, name="coverage"),
    path("coverage.xlsx", views.coverage_export, name="coverage_xlsx"),
    path("trainers.xlsx", views.trainers_export, name="trainers_xlsx"),
    path("budget/", views.budget, name="budget"),
    path("questions/statistics/", views.items, name="items"),
    path("effect/", views.effect, name="effect"),
    path("effect.pdf", views.effect_print, name="effect_pdf"),
    path("budget.pdf", views.budget_print, name="budget_pdf"),
]
