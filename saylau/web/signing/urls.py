from django.urls import URLPattern, path

from . import views

app_name = "signing"
urlpatterns: list[URLPattern] = [
    path("keys.json", views.keys, name="keys"),
    path("audit-heads.json", views.audit_heads, name="audit_heads"),
    path("audit-heads/<str:day>.json", views.audit_head, name="audit_head"),
]
