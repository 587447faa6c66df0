from django.apps import AppConfig


class ListauditConfig(AppConfig):
    name = "saylau.web.listaudit"
    label = "listaudit"
    default_auto_field = "django.db.models.BigAutoField"
