"""The demo organisation, Gemeente Voorbeeld: employees and posts seeded on a first local run."""
