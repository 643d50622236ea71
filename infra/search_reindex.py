"""`plein search reindex`: (re)builds the search term index from the posts and comments.

For a table from before search, or after a change to how text is stemmed. It Scans (fine in
an offline admin command, never in a request path) and hands every document to the same
`index`/`remove` the stream consumer uses, so a second run writes nothing and it is safe
while people keep working: each document is indexed as the table holds it at that moment.
"""


def run() -> dict:
    from chalicelib.domain.search.indexer import reindex

    return reindex()


def main(out=print) -> int:
    counts = run()
    out(f"{counts['posts']} posts and {counts['comments']} comments indexed, "
        f"{counts['removed']} documents without a source removed, {counts['writes']} writes"
        + ("" if counts["writes"] else " (already up to date)"))
    return 0
