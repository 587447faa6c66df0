"""The Django project: models, services, selectors, views, API, templates and printed documents."""
