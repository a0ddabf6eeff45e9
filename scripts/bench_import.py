"""Benchmark: import N generated report variants into PostgreSQL and print reports per second.

    .venv/bin/python scripts/bench_import.py [--reports 1000] [--database-url URL]

It makes a throwaway database (gsef_bench by default: dropped and created again), migrates
it, generates the variants (speakers and organisations drawn from pools, so that most are
matched and some created, as in real use), then imports them as `manage.py import_report`
does: by chunks of files, one transaction each, with --jobs worker processes. It prints the
time of the rows and of the search index written at the end of the batch, apart and together.
The bar: 1,000 reports in under 10 s, index included.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIRST = [
    "Awa",
    "Jean",
    "Maria",
    "Kofi",
    "Lena",
    "Hyun",
    "Rosa",
    "Omar",
    "Inès",
    "Tomás",
    "Chloé",
    "Ravi",
    "Aïcha",
    "Pablo",
    "Yuki",
    "Sofía",
    "Marc",
    "Nadia",
    "Ibrahim",
    "Élodie",
]
LAST = [
    "Diallo",
    "Martin",
    "Silva",
    "Mensah",
    "Berg",
    "Park",
    "Llull",
    "Haddad",
    "Moreau",
    "García",
    "Keita",
    "Nakamura",
    "Rossi",
    "Dubois",
    "Kaya",
    "Okafor",
    "Lefèvre",
    "Costa",
]
COUNTRIES = [
    "France",
    "Senegal",
    "Brazil",
    "Canada",
    "Spain",
    "Mexico",
    "Italy",
    "Benin",
    "Cameroon",
    "United Kingdom",
    "The Netherlands",
    "Japan",
    "Morocco",
    "Portugal",
]
KINDS = ["Network", "Institute", "Cooperative Federation", "Foundation", "Chamber"]
TOPICS = [
    "social finance",
    "cooperatives",
    "public procurement",
    "impact measurement",
    "community land trusts",
    "food systems",
    "women's entrepreneurship",
    "youth jobs",
    "digital commons",
    "local currencies",
    "housing cooperatives",
    "circular economy",
]
ROLES = ["Director", "Researcher", "Coordinator", "Deputy Mayor", "Policy Advisor", "President"]


def variant(number, rng, speakers, organisations):
    topic = rng.choice(TOPICS)
    year = 2016 + number % 8
    chosen = rng.sample(speakers, rng.randint(3, 6))
    lines = [
        f"## The social economy and {topic}",
        "",
        f"GSEF Global Forum {year}",
        f"{1 + year % 5} – {4 + year % 5} October {year}",
        "",
        f"Title of the session: **{topic.capitalize()}: what works, case {number}**",
        "",
        f"Type of session: {rng.choice(['Workshop', 'Plenary', 'Roundtable'])}",
        "",
        f"Language: {rng.choice(['English, French', 'English', 'French, Spanish'])}",
        "",
        f"Date: {1 + year % 5 + number % 4} October",
        "",
        f"Time: {rng.choice([60, 75, 90])} minutes",
        "",
        f"Participants: Zoom participation: {rng.randint(10, 300)}",
        "",
        "### Name of moderator",
        "",
        f"{chosen[0][0]}, Director of {chosen[0][1]}",
        "",
        "### Speakers",
        "",
    ]
    for n, (name, organisation, country) in enumerate(chosen[1:], start=1):
        lines.append(
            f"{n}. Ms. {name}, {rng.choice(ROLES)}, {organisation}, {country}: "
            f"Lessons on {topic} from {country}"
        )
    lines += ["", "## Summary of presentations", ""]
    for n, (name, _organisation, country) in enumerate(chosen[1:], start=1):
        lines += [
            f"### {n}. {name}",
            "",
            f'{name} presented a project called "{topic.title()} {number % 40}" that '
            f"brings together local actors in {country}. It started with a diagnosis, then "
            "a pilot, then a scale-up with the municipality.",
            "",
        ]
    lines += [
        "## Answers to the guiding question",
        "",
        "### How to transform the present and build a better future from the SSE?",
        "",
        "By working with local governments and keeping decisions close to people.",
        "",
        "## Relevant Questions and Answers from Audience:",
        "",
        f"{rng.choice(FIRST)} {rng.choice(COUNTRIES)}",
        "",
        f"How can {topic} reach rural areas?",
        "",
        "## Closing remarks",
        "",
        f"{chosen[0][0]} (moderator)",
        "",
        f"- We need to keep {topic} on the agenda.",
        "",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument(
        "--jobs", type=int, default=2, help="worker processes (as import_report --jobs)"
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gsef_bench"
        ),
    )
    args = parser.parse_args()

    import psycopg

    url = args.database_url
    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')

    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gsef.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from sessions.importer import ReportError, import_many
    from sessions.models import Forum, Initiative, Session
    from speakers.models import Organisation, Speaker

    print(f"Database {name}: migrating...", flush=True)
    call_command("migrate", verbosity=0)

    rng = random.Random(2020)
    organisations = [
        f"{rng.choice(['Regional', 'National', 'Urban', 'Rural'])} {rng.choice(KINDS)} "
        f"of {rng.choice(TOPICS).title()} {n}"
        for n in range(120)
    ]
    # 400 different people, named as people are (no serial numbers in names).
    names = [f"{first} {last}" for first in FIRST for last in LAST]
    names += [f"{first} {a}-{b}" for first in FIRST for a in LAST for b in LAST if a != b]
    speakers = [
        (name, rng.choice(organisations), rng.choice(COUNTRIES)) for name in rng.sample(names, 400)
    ]
    reports = [variant(n, rng, speakers, organisations).encode() for n in range(args.reports)]
    print(f"Generated {len(reports)} reports ({sum(map(len, reports)) / 1024:.0f} KiB).")

    started = time.perf_counter()
    items = [(f"variant-{n}.md", data) for n, data in enumerate(reports, start=1)]
    failures = 0
    rows_written = started
    for index, _name, outcome in import_many(items, jobs=args.jobs, fast_commit=True):
        failures += isinstance(outcome, ReportError)
        rows_written = time.perf_counter()  # the last report out: the index comes after
        if (index + 1) % 200 == 0:
            elapsed = rows_written - started
            print(
                f"  {index + 1}/{len(reports)} imported, {(index + 1) / elapsed:.0f} reports/s",
                flush=True,
            )
    elapsed = time.perf_counter() - started

    print(
        f"Imported {len(reports) - failures} of {len(reports)} reports with "
        f"{args.jobs} worker process(es) in {elapsed:.2f} s: "
        f"{len(reports) / elapsed:.0f} reports per second "
        f"({1000 * elapsed / len(reports):.1f} ms each); the rows took "
        f"{rows_written - started:.2f} s, the search index written at the end "
        f"{started + elapsed - rows_written:.2f} s."
    )
    print(
        f"Rows: {Session.objects.count()} sessions, {Speaker.objects.count()} speakers, "
        f"{Organisation.objects.count()} organisations, {Initiative.objects.count()} "
        f"initiatives, {Forum.objects.count()} forums (the same with any --jobs: nothing "
        "duplicated)."
    )
    assert failures == 0, f"{failures} reports failed"
    verdict = "meets" if elapsed * 1000 / len(reports) < 10 else "misses"
    print(f"The bar (1,000 in under 10 s): {verdict} it.")


if __name__ == "__main__":
    main()
