"""Community management: reports, the moderation queue, hiding, the audit log, pins and
read confirmations (docs/community.md). Who may do what is in `rules.py`."""
