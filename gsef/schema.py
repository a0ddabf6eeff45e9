"""schema.org descriptions of public pages, for JSON-LD (search engines, citation tools)."""

from django.urls import reverse
from django_countries.fields import Country

from sessions.models import Forum, Initiative, Session, Theme
from speakers.models import Organisation, Speaker

GSEF = {
    "@type": "Organization",
    "name": "Global Social Economy Forum (GSEF)",
    "url": "https://www.gsef-net.org",
}


def organisation(org, absolute):
    data = {"@type": "Organization", "name": org.name, "url": absolute(org.get_absolute_url())}
    if org.acronym:
        data["alternateName"] = org.acronym
    if org.website:
        data["sameAs"] = org.website
    if org.country:
        data["address"] = {"@type": "PostalAddress", "addressCountry": org.country.code}
    return data


def person(speaker, absolute):
    data = {"@type": "Person", "name": speaker.name, "url": absolute(speaker.get_absolute_url())}
    if speaker.role:
        data["jobTitle"] = speaker.role
    if speaker.organisation:
        data["worksFor"] = organisation(speaker.organisation, absolute)
    if speaker.bio:
        data["description"] = speaker.bio
    return data


def attendance(forum, url):
    """How and where the events of a forum happen: online, or in its city."""
    if forum.is_virtual:
        return {
            "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
            "location": {"@type": "VirtualLocation", "url": forum.website or url},
        }
    address = {"@type": "PostalAddress", "addressLocality": forum.city}
    if forum.country:
        address["addressCountry"] = forum.country.code
    return {
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": forum.city, "address": address},
    }


def event(session, absolute):
    forum = session.forum
    start = session.date.isoformat()
    if session.start_time:
        start += "T" + session.start_time.strftime("%H:%M")
    data = {
        "@type": "Event",
        "name": session.title,
        "url": absolute(session.get_absolute_url()),
        "startDate": start,
        "eventStatus": "https://schema.org/EventScheduled",
        "organizer": GSEF,
        "superEvent": {
            "@type": "Event",
            "name": forum.name,
            "startDate": forum.start_date.isoformat(),
            "endDate": forum.end_date.isoformat(),
            "url": absolute(forum.get_absolute_url()),
        },
        "inLanguage": [language.code for language in session.languages.all()],
        "about": [theme.name for theme in session.themes.all()],
        "performer": [person(p.speaker, absolute) for p in session.presentations.all()],
    }
    if session.summary:
        data["description"] = session.summary
    if session.duration_minutes:
        data["duration"] = f"PT{session.duration_minutes}M"
    data.update(attendance(forum, data["url"]))
    if session.moderator:
        data["contributor"] = person(session.moderator, absolute)
    return data


def best_practice(initiative, absolute):
    """An initiative, as the creative work of the organisation that runs it."""
    data = {
        "@type": "CreativeWork",
        "additionalType": "https://schema.org/Project",
        "name": initiative.name,
        "url": absolute(initiative.get_absolute_url()),
        "about": [theme.name for theme in initiative.themes.all()],
    }
    if initiative.summary:
        data["description"] = initiative.summary
    if initiative.country:
        data["countryOfOrigin"] = {
            "@type": "Country",
            "name": str(initiative.country.name),
            "identifier": initiative.country.code,
        }
        data["spatialCoverage"] = {
            "@type": "Place",
            "name": initiative.region or str(initiative.country.name),
            "address": {"@type": "PostalAddress", "addressCountry": initiative.country.code},
        }
    if initiative.organisation:
        data["creator"] = organisation(initiative.organisation, absolute)
    if initiative.website:
        data["sameAs"] = initiative.website
    return data


def forum_event(forum, absolute):
    data = {
        "@type": "Event",
        "name": forum.name,
        "url": absolute(forum.get_absolute_url()),
        "startDate": forum.start_date.isoformat(),
        "endDate": forum.end_date.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "organizer": GSEF,
    }
    if forum.central_theme:
        data["description"] = forum.central_theme
    data.update(attendance(forum, data["url"]))
    return data


def theme_page(theme, absolute):
    term = {"@type": "DefinedTerm", "name": theme.name}
    if theme.description:
        term["description"] = theme.description
    return {
        "@type": "CollectionPage",
        "name": theme.name,
        "url": absolute(theme.get_absolute_url()),
        "about": term,
    }


def country_page(country, absolute):
    return {
        "@type": "CollectionPage",
        "name": str(country.name),
        "url": absolute(reverse("sessions:country-detail", args=[country.code])),
        "about": {"@type": "Country", "name": str(country.name), "identifier": country.code},
    }


DESCRIBERS = {
    Session: event,
    Speaker: person,
    Organisation: organisation,
    Initiative: best_practice,
    Forum: forum_event,
    Theme: theme_page,
    Country: country_page,
}


def describe(obj, absolute):
    """The JSON-LD document for `obj`, or None for a page type that has none."""
    describer = DESCRIBERS.get(obj.__class__)  # not type(): a lazy object stands for its record
    if describer is None:
        return None
    return {"@context": "https://schema.org", **describer(obj, absolute)}
