from django.urls import URLPattern, URLResolver, path

from .views import absentee, lists, outside, public, register

app_name = "register"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", register.index, name="index"),
    path("find/", public.find_precinct_view, name="find_precinct"),
    path("find/help/", public.help_request_view, name="help_request"),
    path("find/correction/", public.list_correction_view, name="list_correction"),
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
        absentee.absentee_issue,
        name="absentee_issue",
    ),
    path(
        "elections/<int:election_id>/lists/<int:precinct_id>/corrections/",
        lists.correction_add,
        name="correction_add",
    ),
    path(
        "elections/<int:election_id>/lists/<int:precinct_id>/corrections/<int:request_id>/",
        lists.correction_decide,
        name="correction_decide",
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
    path(
        "elections/<int:election_id>/absentee/",
        absentee.certificate_register,
        name="absentee_register",
    ),
    path(
        "elections/<int:election_id>/absentee/register.<str:fmt>",
        absentee.certificate_register_export,
        name="absentee_register_export",
    ),
    path(
        "elections/<int:election_id>/absentee/<int:number>.pdf",
        absentee.certificate_pdf,
        name="absentee_pdf",
    ),
    path(
        "elections/<int:election_id>/absentee/<int:number>/cancel/",
        absentee.certificate_cancel,
        name="absentee_cancel",
    ),
    path("elections/<int:election_id>/outside/", outside.outside_list, name="outside"),
    path("outside/<int:request_id>/status/", outside.outside_status, name="outside_status"),
    path(
        "elections/<int:election_id>/outside/<int:precinct_id>/route.pdf",
        outside.route_list,
        name="route_list",
    ),
]
