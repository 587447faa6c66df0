from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/", include("saylau.web.config.api")),
    # Open data at stable URLs, outside the language prefixes.
    path("open-data/", include(("saylau.web.territory.open_data", "open_data"))),
]

urlpatterns += i18n_patterns(
    # The language switch lives under the page's own language prefix (/kk/i18n/setlang/), so
    # that Django can translate the "next" URL of a Kazakh or English page back to another language.
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("saylau.web.core.urls")),
    path("accounts/", include("saylau.web.accounts.urls")),
    path("audit/", include("saylau.web.audit.urls")),
    path("territory/", include("saylau.web.territory.urls")),
    path("register/", include("saylau.web.register.urls")),
    path("elections/", include("saylau.web.elections.urls")),
    path("results/", include("saylau.web.results.urls")),
    path("signing/", include("saylau.web.signing.urls")),
    path("commissions/", include("saylau.web.commissions.urls")),
    path("listaudit/", include("saylau.web.listaudit.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
