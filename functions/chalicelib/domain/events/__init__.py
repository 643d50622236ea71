"""Events with enrolment: `events` (create, show, edit, cancel), `listing` (the events
pages), `enrolment` (enrol, cancel, the waiting list), `attendees`, `calendar` (.ics and the
personal feed), `hooks` (what notifications read), `official` (events from content/events/).
Who may do what is decided in `rules`. Data model and access patterns: docs/events.md."""
