"""Search test steps: write through the API, then hand the indexer the stream record the
table would send for that write, built from the item as the table really holds it."""

import json
from types import SimpleNamespace

from boto3.dynamodb.types import TypeDeserializer

_plain = TypeDeserializer()


def stored(dynamodb, table: str, pk: str, sk: str) -> dict | None:
    raw = dynamodb.get_item(TableName=table, Key={"pk": {"S": pk}, "sk": {"S": sk}},
                            ConsistentRead=True).get("Item")
    return {k: _plain.deserialize(v) for k, v in raw.items()} if raw else None


class Stream:
    """Builds each write's change from the table and feeds it to the search indexer."""

    def __init__(self, dynamodb, table: str):
        self.dynamodb, self.table = dynamodb, table
        self.last: dict[tuple[str, str], dict | None] = {}

    def changed(self, pk: str, sk: str):
        from chalicelib.domain.search.indexer import on_change

        old, new = self.last.get((pk, sk)), stored(self.dynamodb, self.table, pk, sk)
        event = "INSERT" if old is None else "REMOVE" if new is None else "MODIFY"
        change = SimpleNamespace(event=event, keys={"pk": pk, "sk": sk}, new=new, old=old)
        on_change(change)
        self.last[(pk, sk)] = new
        return change

    def post(self, post_id: str):
        return self.changed(f"POST#{post_id}", "POST")

    def comment(self, comment_id: str):
        return self.changed(f"COMMENT#{comment_id}", "COMMENT")


class SearchApi:
    def __init__(self, client, as_person, stream: Stream):
        self.client, self.as_person, self.stream = client, as_person, stream

    def write(self, method: str, path: str, person, body=None):
        response = getattr(self.client.http, method)(path, headers=self.as_person(person),
                                                     body=json.dumps(body or {}))
        assert response.status_code in (200, 201), response.json_body
        return response.json_body

    def post(self, person, body: str, **fields):
        created = self.write("post", "/api/posts", person, {"body": body, **fields})
        self.stream.post(created["id"])
        return created

    def comment(self, person, post_id: str, body: str):
        created = self.write("post", f"/api/posts/{post_id}/comments", person, {"body": body})
        self.stream.comment(created["id"])
        self.stream.post(post_id)  # its comment count changed
        return created

    def search(self, person, q: str, **params):
        query = "&".join(f"{k}={v}" for k, v in {"q": q, **params}.items())
        return self.client.http.get(f"/api/search?{query}", headers=self.as_person(person))

    def found(self, person, q: str, **params) -> list[str]:
        response = self.search(person, q, **{"type": "posts", **params})
        assert response.status_code == 200, response.json_body
        return [item["id"] for item in response.json_body["items"]]
