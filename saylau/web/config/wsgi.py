"""The WSGI entry point for an application server (gunicorn, uWSGI): production settings
unless DJANGO_SETTINGS_MODULE says otherwise. `saylau serve` uses the local settings."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saylau.web.config.settings.production")
application = get_wsgi_application()
