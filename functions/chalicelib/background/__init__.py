"""Work after the request: consumers of the table's stream, and scheduled jobs."""
