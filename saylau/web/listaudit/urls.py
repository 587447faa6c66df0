from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "listaudit"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("runs/<int:run_id>/", views.run_detail, name="run"),
    path("runs/<int:run_id>/findings/", views.finding_list, name="findings"),
    path("findings/<int:finding_id>/", views.finding_detail, name="finding"),
    path("regions/<int:region_id>/analysis/", views.analysis, name="analysis"),
    path("regions/<int:region_id>/analysis.pdf", views.analysis_report, name="analysis_pdf"),
]
