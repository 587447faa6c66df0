from django.urls import URLPattern, URLResolver

app_name = "register"
urlpatterns: list[URLPattern | URLResolver] = []
