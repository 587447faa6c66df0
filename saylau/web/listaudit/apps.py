from django.apps import AppConfig


class ListauditConfig(AppConfig):
    name = "saylau.web.listaudit"
    label = "listaudit"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import tasks  # noqa: F401 - registers the app's kinds of job with core.jobs
