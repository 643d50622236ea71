"""Web plumbing shared by the routes: the guard, cookies, headers, errors and rate limits."""
