#!/usr/bin/env python3
"""Checks a Hearth calendar export with another iCalendar implementation.

Reads an .ics file with Python's `icalendar` and expands its series with
`recurring_ical_events`, then compares every occurrence (UTC start, or day for whole-day
events, and title) with what `hearth event list --json` lists for the same community.
Prints the differences and exits 1 when there are any.

    python3 -m venv /tmp/ics && /tmp/ics/bin/pip install icalendar recurring_ical_events
    hearth export events --format ics --out season.ics
    hearth event list --json > season.json
    /tmp/ics/bin/python tests/ical/independent_check.py season.ics season.json
"""

import datetime
import json
import sys

import icalendar
import recurring_ical_events


def from_file(path):
    with open(path, "rb") as f:
        calendar = icalendar.Calendar.from_ical(f.read())
    occurrences = recurring_ical_events.of(calendar).between(
        datetime.date(1900, 1, 1), datetime.date(2200, 1, 1)
    )
    seen = []
    for e in occurrences:
        start = e["DTSTART"].dt
        if isinstance(start, datetime.datetime):
            key = start.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        else:
            key = start.isoformat()
        seen.append((key, str(e["SUMMARY"])))
    return sorted(seen)


def from_hearth(path):
    with open(path, encoding="utf-8") as f:
        events = json.load(f)
    return sorted(
        (e["start"] if e["allDay"] else e["startsAt"], e["title"]) for e in events
    )


def main():
    exported, listed = from_file(sys.argv[1]), from_hearth(sys.argv[2])
    missing = [x for x in listed if x not in exported]
    extra = [x for x in exported if x not in listed]
    for x in missing:
        print("listed by Hearth, not in the file:", x)
    for x in extra:
        print("in the file, not listed by Hearth:", x)
    print(f"{len(exported)} occurrences in the file, {len(listed)} listed by Hearth")
    sys.exit(1 if missing or extra else 0)


if __name__ == "__main__":
    main()
