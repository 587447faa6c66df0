from django.urls import URLPattern, URLResolver, path

from .views import lists, outside, public, register

app_name = "register"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", register.index, name="index"),
    path("find/", public.find_precinct_view, name="find_precinct"),
    path("persons/", register.person_list, name="persons"),
    path("persons/<int:person_id>/", register.person_detail, name="person"),
    path("imports/", register.import_list, name="imports"),
    path("imports/<int:import_id>/", register.import_detail, name="import"),
    path("events/", register.events, name="events"),
    path("elections/<int:election_id>/lists/", lists.election_lists, name="election_lists"),
    path("elections/<int:election_id>/lists/compile/", lists.compile_view, name="compile"),
    path("elections/<int:election_id>/lists/<int:precinct_id>/", lists.list_detail, name="list"),
    path(
        "elections/<int:election_id>/lists/<int:precinct_id>/export.<str:fmt>",
        lists.list_export,
        name="list_export",
    ),
    path(
        "elections/<int:election_id>/lists/<int:precinct_id>/absentee/",
        lists.absentee_issue,
        name="absentee_issue",
    ),
    path(
        "elections/<int:election_id>/lists/<int:precinct_id>/additional/",
        lists.additional_add,
        name="additional_add",
    ),
    path(
        "elections/<int:election_id>/special-stay/",
        lists.special_stay_add,
        name="special_stay_add",
    ),
    path("elections/<int:election_id>/outside/", outside.outside_list, name="outside"),
    path("outside/<int:request_id>/status/", outside.outside_status, name="outside_status"),
    path(
        "elections/<int:election_id>/outside/<int:precinct_id>/route.pdf",
        outside.route_list,
        name="route_list",
    ),
]
