from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "saylau.web.results"
    label = "results"
    default_auto_field = "django.db.models.BigAutoField"
