"""Settings are an object a test builds for itself: `Settings.from_env(mapping)`, and
`models.bind(settings)` points every model at its table, without touching os.environ."""

import os

from infra.local.dynamo import ensure_table


def test_defaults_fill_what_a_mapping_leaves_out():
    from chalicelib.settings import Settings

    built = Settings.from_env({"PLEIN_TABLE": "eigen", "PLEIN_SESSION_HOURS": "soon"})
    assert (built.table, built.region, built.session_hours) == ("eigen", "eu-west-1", 12)
    assert built.dynamodb_endpoint is None and built.is_local


def test_models_bound_to_settings_built_here_use_that_table(dynamodb, table):
    from chalicelib import models
    from chalicelib.models import TABLE_SCHEMA, SeenCount
    from chalicelib.models.transactions import transaction
    from chalicelib.settings import Settings, settings

    environ = dict(os.environ)
    other = Settings.from_env({"PLEIN_TABLE": "plein-other", "PLEIN_REGION": settings.region,
                               "PLEIN_DYNAMODB_ENDPOINT": settings.dynamodb_endpoint})
    ensure_table(dynamodb, "plein-other", TABLE_SCHEMA)
    SeenCount("T#default", "COUNT", seen=1).save()  # the process's table, as bound at import
    models.bind(other)
    try:
        SeenCount("T#other", "COUNT", seen=2).save()
        with transaction() as tx:
            tx.update(SeenCount("T#other", "COUNT"), actions=[SeenCount.seen.add(1)])
        assert SeenCount.get("T#other", "COUNT").seen == 3
        assert not list(SeenCount.query("T#default"))
    finally:
        models.bind(settings)

    def keys(name):
        return {i["pk"]["S"] for i in dynamodb.scan(TableName=name)["Items"]}

    assert keys("plein-other") == {"T#other"}
    assert keys(table) == {"T#default"}
    assert SeenCount.get("T#default", "COUNT").seen == 1  # bound back
    assert dict(os.environ) == environ
