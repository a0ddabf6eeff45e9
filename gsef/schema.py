"""schema.org descriptions of public pages, for JSON-LD (search engines, citation tools)."""

from sessions.models import Session
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
    if forum.is_virtual:
        data["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
        data["location"] = {"@type": "VirtualLocation", "url": forum.website or data["url"]}
    else:
        data["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
        data["location"] = {
            "@type": "Place",
            "name": forum.city,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": forum.city,
                "addressCountry": forum.country.code,
            },
        }
    if session.moderator:
        data["contributor"] = person(session.moderator, absolute)
    return data


DESCRIBERS = {Session: event, Speaker: person, Organisation: organisation}


def describe(obj, absolute):
    """The JSON-LD document for `obj`, or None for a page type that has none."""
    describer = DESCRIBERS.get(obj.__class__)  # not type(): a lazy object stands for its record
    if describer is None:
        return None
    return {"@context": "https://schema.org", **describer(obj, absolute)}
