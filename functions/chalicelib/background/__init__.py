"""Work after the request: stream consumers and scheduled jobs."""
