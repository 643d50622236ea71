"""Search: the term index of posts, questions and comments (`index`, kept by `indexer` from
the table's stream), and one query over it, the people directory and the groups (`service`).
Static pages are searched in the browser by Pagefind. See docs/search.md."""
