"""Directory search as the organisation grows: calls per request and latency at 1,000 and
10,000 employees."""

import json
import random
import statistics
import subprocess
import sys
import time
from collections import Counter

from infra.paths import ROOT

from .harness import Stack

FIRST = ["Anna", "Bram", "Fatima", "Pieter", "Lotte", "Emre", "Sanne", "Kees", "Esther",
         "Ruben", "Noor", "Jeroen", "Jan", "Sophie", "Mohammed", "Eva", "Daan", "Julia",
         "Sem", "Zoë", "Lucas", "Mila", "Finn", "Saar", "Thijs", "Anouk", "Bas", "Iris"]
LAST = ["de Vries", "Jansen", "El Amrani", "van Dijk", "Visser", "Yılmaz", "Bakker",
        "Mulder", "Smit", "de Boer", "Hendriks", "Willems", "de Jong", "van den Berg",
        "Bos", "Meijer", "Peters", "Vos", "Dekker", "Brouwer", "de Wit", "Kok", "Çelik"]
DEPARTMENTS = ["Burgerzaken", "Communicatie", "Financiën", "HR", "ICT", "Informatievoorziening",
               "Openbare Ruimte", "Ruimtelijke Ordening", "Sociaal Domein", "Juridische Zaken",
               "Facilitaire Zaken", "Belastingen"]
TAGS = [f"{word}{suffix}" for word in ("omgevingswet", "participatie", "gis", "wmo", "jeugd",
                                        "inkoop", "privacy", "data", "projectmanagement",
                                        "organisatieverandering", "arbo", "verkeer")
        for suffix in ("", "-advies", "-beleid", "-uitvoering", "-toezicht")]
# Each query is one a person might type; the sparse one makes the bound on Queries matter.
SEARCHES = [
    ("everyone by name", ""),
    ("name: q=jan", "q=jan"),
    ("department: HR", "department=HR"),
    ("expertise: gis", "expertise=gis"),
    ("name + department", "q=de&department=ict"),
    ("expertise + department (sparse)", "expertise=wmo-toezicht&department=belastingen"),
]


def bulk_people(start: int, count: int, rng: random.Random, tallies: Counter) -> object:
    """Writes people with their directory entries straight into the table (batch writes),
    built by the same functions the API uses; tallies are summed and written after."""
    from chalicelib.clock import system_clock
    from chalicelib.domain import directory, names
    from chalicelib.ids import new_id
    from chalicelib.models import EmailIndex, Person

    first = None
    with Person.batch_write() as batch:
        for n in range(start, start + count):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            department = rng.choice(DEPARTMENTS)
            person_id = new_id(system_clock())
            person = Person(*Person.key(person_id), id=person_id, email=f"p{n}@voorbeeld.nl",
                            name=name, department=department, title="Adviseur",
                            gsi1sk=f"{names.sort_name(name)}#{person_id}", created="2026-01-01",
                            expertise=rng.sample(TAGS, 3), version=1)
            first = first or person
            batch.save(person)
            batch.save(EmailIndex(*EmailIndex.key(person.email), person_id=person_id))
            for entry in directory.entries(directory.snapshot(person)).values():
                batch.save(entry)
            tallies.update([("DEPARTMENTS", names.key(department), department)])
            tallies.update(("TAGS", names.key(t), t) for t in person.expertise)
    return first


def write_tallies(tallies: Counter) -> None:
    from chalicelib.models.people import Tally

    with Tally.batch_write() as batch:
        for (pk, sk, label), count in tallies.items():
            batch.save(Tally(pk, sk, label=label, count=count))


def measure(stack: Stack, person, repeat: int = 9) -> dict:
    """Per request: median total time, median time outside the endpoint (our own code and
    HTTP), and the DynamoDB calls made."""
    http, headers = stack.client.http, stack.headers(person)
    out = {}
    for name, query in [*SEARCHES, ("expertise suggestions", "prefix")]:
        path = "/api/expertise?prefix=or" if query == "prefix" else f"/api/people?{query}"
        assert http.get(path, headers=headers).status_code == 200, path
        total, own = [], []
        for _ in range(repeat):
            stack.meter.reset()
            started = time.perf_counter()
            http.get(path, headers=headers)
            elapsed = time.perf_counter() - started
            total.append(elapsed * 1000)
            own.append((elapsed - stack.meter.seconds) * 1000)
        out[name] = {"ms": statistics.median(total), "own_ms": statistics.median(own),
                     "calls": stack.meter.total(), "read": stack.meter.items_read}
    return out


def run(small: int = 1_000, large: int = 10_000, seed: int = 8) -> dict:
    stack = Stack()
    rng, tallies = random.Random(seed), Counter()
    try:
        person = bulk_people(0, small, rng, tallies)
        write_tallies(tallies)
        at_small = measure(stack, person)
        bulk_people(small, large - small, rng, tallies)
        write_tallies(tallies)
        return {"sizes": [small, large], "small": at_small, "large": measure(stack, person)}
    finally:
        stack.stop()


def report(results: dict, budget_calls: int) -> list[str]:
    small, large = results["sizes"]
    lines = [
        "## People directory as the organisation grows",
        "",
        f"`GET /api/people` and `GET /api/expertise` with {small:,} and with {large:,} employees "
        "in the table (three expertise tags each, twelve departments): median time of the "
        "whole request, median time outside the DynamoDB endpoint (our code, session check "
        "included), the DynamoDB calls made and the items its Queries read (ScannedCount).",
        "",
        f"| request | calls {small:,} → {large:,} | items read {small:,} → {large:,} "
        f"| own time {small:,} → {large:,} | total on moto {small:,} → {large:,} |",
        "| --- | --- | --- | --- | --- |",
    ]
    worst = 0
    for name, a in results["small"].items():
        b = results["large"][name]
        worst = max(worst, a["calls"], b["calls"])
        lines.append(f"| {name} | {a['calls']} → {b['calls']} | {a['read']} → {b['read']} | "
                     f"{a['own_ms']:.1f} → {b['own_ms']:.1f} ms | {a['ms']:.0f} → "
                     f"{b['ms']:.0f} ms |")
    lines += [
        "",
        f"Most calls for one request: {worst} (budget ≤ {budget_calls}: "
        f"{'within budget' if worst <= budget_calls else '**over budget**'}). A search is at "
        "most one GetItem (the session) and three Queries of 100 index entries, whatever the "
        "number of employees; the sparse search shows the bound at work (a page may come back "
        "short with a cursor to continue).",
        "",
        "The total on moto grows with the table because moto answers every Query by walking "
        "every item in the table (`moto/dynamodb/models/table.py`, `Table.query`), even for a "
        "60-item partition; DynamoDB reads only the key range asked for, so its latency follows "
        "the items read. The calls, the items read and our own time are what carry over to "
        "AWS, and they do not grow with the number of employees.",
        "",
    ]
    return lines


def run_isolated() -> dict:
    """In its own interpreter: the API's settings are read once per process, at import, so
    this benchmark's stack cannot follow another one in the same process."""
    out = subprocess.run([sys.executable, "-m", "bench.people", *sys.argv[1:]], cwd=ROOT,
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


if __name__ == "__main__":
    sizes = [int(n) for n in sys.argv[1:3]]
    print(json.dumps(run(*sizes)))
