from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "saylau.web.register"
    label = "register"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import tasks  # noqa: F401 - registers the app's kinds of job with core.jobs
