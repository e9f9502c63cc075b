"""The plan's actions as an iCalendar file: one all-day event for each, on its date."""

from __future__ import annotations

import datetime
import hashlib

import icalendar


def actions_ics(actions: list[tuple[str, str, str]], *, title: str, uid_base: str) -> bytes:
    """(ISO date, action, who) → VCALENDAR bytes; UIDs stable for the same action."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Ennakointikurssi//Foresight plan//FI")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", title)
    stamp = datetime.datetime.now(datetime.UTC)
    for day, action, who in actions:
        try:
            start = datetime.date.fromisoformat(day)
        except (TypeError, ValueError):
            continue
        event = icalendar.Event()
        digest = hashlib.sha256(f"{uid_base}|{action}".encode()).hexdigest()[:24]
        event.add("uid", f"plan-{digest}@foresight-plan")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + datetime.timedelta(days=1))
        event.add("summary", action)
        if who:
            event.add("description", who)
        calendar.add_component(event)
    return calendar.to_ical()
