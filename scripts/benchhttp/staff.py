"""The admin as staff use it: logged in (so nginx and the page cache step aside), the session
changelist and the change form of a session with ten presentations."""

from benchhttp.report import ms, problems

BENCH_USER = "bench-staff"


def staff_cookie():
    """A session cookie of a staff member with every permission, made in the database as
    logging in would (the benchmark's own user, made once)."""
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils.module_loading import import_string

    user, _ = get_user_model().objects.get_or_create(
        username=BENCH_USER, defaults={"is_staff": True, "is_superuser": True}
    )
    # The backend that logs people in (axes' own only counts failures and has no get_user).
    backend = next(
        path
        for path in settings.AUTHENTICATION_BACKENDS
        if hasattr(import_string(path), "get_user")
    )
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = backend
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"Cookie: {settings.SESSION_COOKIE_NAME}={session.session_key}"


def session_with_presentations(count=10):
    """A session with at least `count` presentations: the generated corpus has about three
    a session, so the benchmark adds its own draft when none has that many (once)."""
    from django.db.models import Count

    from sessions.models import Presentation, Session

    found = (
        Session.objects.annotate(n=Count("presentations"))
        .filter(n__gte=count)
        .order_by("n", "pk")
        .first()
    )
    if found:
        return found
    model = Session.objects.published().order_by("pk").first()
    draft = Session.objects.create(
        forum=model.forum,
        title=f"Benchmark session with {count} presentations",
        slug="bench-ten-presentations",
        session_type=model.session_type,
        date=model.date,
        summary=model.summary,
        is_published=False,
    )
    draft.themes.set(model.themes.all())
    speakers = [p.speaker for p in Presentation.objects.select_related("speaker")[:count]]
    for order, speaker in enumerate(speakers, start=1):
        Presentation.objects.create(
            session=draft,
            speaker=speaker,
            order=order,
            title=f"Presentation {order} of the benchmark session",
            summary=model.summary,
        )
    draft.n = count
    return draft


def admin_targets():
    from django.urls import reverse
    from django.utils import translation

    with translation.override("en"):
        session = session_with_presentations()
        return {
            "admin: session changelist": reverse("admin:forum_sessions_session_changelist"),
            f"admin: change form ({session.n} presentations)": reverse(
                "admin:forum_sessions_session_change", args=[session.pk]
            ),
        }


def measure_admin(wrk, front):
    cookie = staff_cookie()
    results = {}
    for name, path in admin_targets().items():
        # Staff are a few at a time: two connections, not the eight of the public pages.
        stats = wrk.measure(front + path, mode="same", headers=(cookie,), connections=2)
        results[name] = {"path": path, "stats": stats}
    return results


def print_admin(results):
    print(f"{'':44} {'req/s':>8} {'p50':>9} {'p95':>9} {'p99':>9}  notes")
    for name, figures in results.items():
        stats = figures["stats"]
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(stats["statuses"].items()))
        print(
            f"{name:44} {stats['rate']:8.0f} {ms(stats['p50_us']):>9} "
            f"{ms(stats['p95_us']):>9} {ms(stats['p99_us']):>9}  status {statuses} "
            f"{problems(stats)}"
        )
    for name, figures in results.items():
        print(f"  {name}: {figures['path']}")
