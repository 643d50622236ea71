"""Notifications (issue 14): what notifies whom (`fanout`, `rules`), the types and their words
(`types`), storing and reading them (`store`, `inbox`), per-person settings (`preferences`)
and the two-day reminder (`reminders`). docs/notifications.md has the keys."""
