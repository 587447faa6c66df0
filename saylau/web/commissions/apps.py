from django.apps import AppConfig


class CommissionsConfig(AppConfig):
    name = "saylau.web.commissions"
    label = "commissions"
    default_auto_field = "django.db.models.BigAutoField"
