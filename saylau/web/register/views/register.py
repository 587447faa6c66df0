"""The register's landing page, persons, imports and registry events."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from saylau.errors import InputError
from saylau.web.accounts.policy import COUNTRY, Action, allows, require
from saylau.web.accounts.scope import scope_for
from saylau.web.core import reading
from saylau.web.core.models import where_lead

from .. import selectors
from ..forms import EventsForm, ImportForm, PersonSearchForm
from ..models import RegisterImport
from ..sentences import SENTENCES
from ..services import jobs
from ..services.events import apply_events_file
from ..services.events_file import EventsRejected
from ..services.extract import Rejection

PAGE = 50


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "register/index.html",
        {
            "counts": selectors.person_counts(user),
            "personal": selectors.can_see_persons(user),
            "can_import": allows(user, Action.REGISTER_IMPORT),
            "can_events": allows(user, Action.REGISTRY_EVENTS_APPLY),
            "elections": selectors.elections_for(user),
        },
    )


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    form = PersonSearchForm(request.GET or None)
    qs = selectors.search_persons(request.user, request.GET.get("q", ""))
    page = Paginator(qs, PAGE).get_page(request.GET.get("page"))
    return render(request, "register/person_list.html", {"form": form, "page": page})


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.person_detail(request.user, person_id)
    changes = person.changes.select_related("register_import", "event").order_by("-id")[:100]
    return render(request, "register/person_detail.html", {"person": person, "changes": changes})


@login_required
def import_list(request: HttpRequest) -> HttpResponse:
    jobs.reap_stale_imports()
    imports = selectors.imports_for(request.user)
    folders = allows(request.user, Action.REGISTER_IMPORT, COUNTRY)
    form = ImportForm(server_folders=folders)
    if request.method == "POST":
        require(request.user, Action.REGISTER_IMPORT)
        form = ImportForm(request.POST, request.FILES, server_folders=folders)
        if form.is_valid():
            path = form.cleaned_data.get("server_path")
            if path and not folders:
                raise PermissionDenied("server folders are for the CEC")
            try:
                job = jobs.start_import(
                    user=request.user,
                    directory=Path(path) if path else None,
                    upload=form.cleaned_data["archive"] or None,
                    region_code=form.cleaned_data["region_code"] or None,
                    allow_removals=bool(form.cleaned_data.get("allow_removals")),
                )
            except ValidationError as exc:
                form.add_error("archive", exc)
            else:
                return redirect("register:import", import_id=job.pk)
    return render(request, "register/import_list.html", {"imports": imports[:50], "form": form})


@login_required
def import_detail(request: HttpRequest, import_id: int) -> HttpResponse:
    jobs.reap_stale_imports()
    job = get_object_or_404(selectors.imports_for(request.user), pk=import_id)
    template = (
        "register/_import_progress.html"
        if request.headers.get("HX-Request")
        else ("register/import_detail.html")
    )
    return render(
        request,
        template,
        {
            "job": job,
            "rejections": job.rejections.all()[:200],
            "running": job.status
            in (
                RegisterImport.Status.QUEUED,
                RegisterImport.Status.STAGING,
                RegisterImport.Status.APPLYING,
            ),
        },
    )


@login_required
def events(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.REGISTRY_EVENTS_APPLY)
    form = EventsForm()
    report = None
    findings: list[Rejection] = []
    unreadable = ""
    if request.method == "POST":
        form = EventsForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            target = jobs.upload_root() / f"events-{uuid.uuid4().hex}.csv"
            with target.open("wb") as fh:
                for chunk in upload.chunks():
                    fh.write(chunk)
            try:
                report = apply_events_file(
                    path=target, actor=request.user, name=upload.name, scope=scope_for(request.user)
                )
            except EventsRejected as exc:
                findings = exc.findings
            except InputError as exc:
                # A file that cannot be read: the register's sentence where it has one, else
                # the reader's detail after a sentence naming file, line and column.
                code = exc.code if exc.code in SENTENCES or exc.code in reading.SENTENCES else ""
                params = {"file": upload.name, "line": exc.line or 0, **getattr(exc, "params", {})}
                findings = [
                    Rejection(
                        upload.name, exc.line or 0, exc.field or "", exc.message, code, params
                    )
                ]
                if not code:
                    unreadable = where_lead(upload.name, exc.line, exc.field) + " " + exc.message
            finally:
                target.unlink(missing_ok=True)
    return render(
        request,
        "register/events.html",
        {
            "form": form,
            "report": report,
            "findings": findings[:500],
            "findings_total": len(findings),
            "unreadable": unreadable,
        },
    )
