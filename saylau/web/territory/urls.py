from django.urls import path

from . import views

app_name = "territory"
urlpatterns = [
    path("", views.index, name="index"),
    path("districts/", views.district_list, name="districts"),
    path("precincts/", views.precinct_list, name="precincts"),
    path("precincts/<int:precinct_id>/", views.precinct_detail, name="precinct"),
    path(
        "precincts/<int:precinct_id>/accessibility/",
        views.accessibility_edit,
        name="accessibility_edit",
    ),
]
