from django.urls import URLPattern, URLResolver, path

from .views import (
    four_eyes,
    live,
    mandates,
    protocols,
    public,
    screening,
    single_member,
    tabulation,
    verify,
)

app_name = "results"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", tabulation.index, name="index"),
    path("elections/<int:election_pk>/", tabulation.tabulation, name="tabulation"),
    path("elections/<int:election_pk>/qr/", tabulation.qr_entry, name="qr_entry"),
    # Four eyes: each of these asks; a second official confirms at requests/<pk>/.
    path("elections/<int:election_pk>/distribute/", four_eyes.distribute, name="distribute"),
    path("elections/<int:election_pk>/sign-off/", four_eyes.sign_off, name="sign_off"),
    path(
        "elections/<int:election_pk>/publish-preliminary/",
        four_eyes.publish_preliminary,
        name="publish_preliminary",
    ),
    path("elections/<int:election_pk>/publish/", four_eyes.publish, name="publish"),
    path(
        "elections/<int:election_pk>/register-mandates/",
        four_eyes.register_mandates,
        name="register_mandates",
    ),
    path("requests/<int:request_pk>/", four_eyes.decide_request, name="decide_request"),
    path("protocols/<int:pk>/cancel/", four_eyes.cancel_protocol, name="cancel_protocol"),
    path("elections/<int:election_pk>/mandates.pdf", tabulation.mandates_pdf, name="mandates_pdf"),
    path("elections/<int:election_pk>/mandates/", mandates.mandates, name="mandates"),
    path(
        "elections/<int:election_pk>/mandates/decisions/",
        mandates.record,
        name="record_decision",
    ),
    path(
        "elections/<int:election_pk>/precincts/<int:precinct_pk>/enter/",
        protocols.enter,
        name="enter",
    ),
    path(
        "elections/<int:election_pk>/precincts/<int:precinct_pk>/enter/check/",
        protocols.check,
        name="check",
    ),
    path(
        "elections/<int:election_pk>/precincts/<int:precinct_pk>/single-member/",
        single_member.enter,
        name="enter_single_member",
    ),
    path(
        "elections/<int:election_pk>/precincts/<int:precinct_pk>/single-member/check/",
        single_member.check,
        name="check_single_member",
    ),
    path(
        "protocols/<int:pk>/correct-single-member/",
        single_member.correct,
        name="correct_single_member",
    ),
    path("protocols/<int:pk>/", protocols.protocol, name="protocol"),
    path("protocols/<int:pk>/correct/", protocols.correct, name="correct"),
    path("protocols/<int:pk>/decide/", protocols.decide, name="decide"),
    path("protocols/<int:pk>/print.pdf", protocols.protocol_pdf, name="protocol_pdf"),
    path("public/", public.public_index, name="public_index"),
    path("public/<int:election_pk>/", public.public_detail, name="public"),
    path("public/<int:election_pk>/results.json", public.public_json, name="public_json"),
    path("public/<int:election_pk>/results.csv", public.public_csv, name="public_csv"),
    path(
        "public/<int:election_pk>/results-single-member.csv",
        public.public_csv_single_member,
        name="public_csv_single_member",
    ),
    path("public/<int:election_pk>/nist-cdf.json", public.public_nist, name="public_nist"),
    path("public/<int:election_pk>/verify/", verify.verify_page, name="public_verify"),
    path("public/<int:election_pk>/screening/", screening.screening_page, name="public_screening"),
    path("live/<int:election_pk>/", live.live, name="live"),
    path("live/<int:election_pk>/live.json", live.live_json, name="live_json"),
    path("live/<int:election_pk>/live.csv", live.live_csv, name="live_csv"),
    path(
        "live/<int:election_pk>/districts/<int:district_pk>/", live.district, name="live_district"
    ),
    path(
        "live/<int:election_pk>/precincts/<int:precinct_pk>/", live.precinct, name="live_precinct"
    ),
    path(
        "elections/<int:election_pk>/precincts/<int:precinct_pk>/turnout/",
        live.enter_turnout,
        name="enter_turnout",
    ),
]
