from django.urls import URLPattern, URLResolver, path

from . import calendar_views, views

app_name = "elections"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/calendar.ics", calendar_views.election_ics, name="calendar_ics"),
    path(
        "commissions/<int:commission_pk>/calendar.ics",
        calendar_views.commission_ics,
        name="commission_ics",
    ),
    path("legal-basis/", calendar_views.legal_basis, name="legal_basis"),
    path("<int:pk>/lists/", views.add_list, name="add_list"),
    path("<int:pk>/lists/<int:list_pk>/candidates/", views.add_candidate, name="add_candidate"),
    path("<int:pk>/draw/", views.draw, name="draw"),
    path("<int:pk>/districts/", views.add_district, name="add_district"),
    path(
        "<int:pk>/districts/<int:district_pk>/candidates/",
        views.add_district_candidate,
        name="add_district_candidate",
    ),
]
