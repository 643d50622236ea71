"""Every paged list shares one cursor codec; a cursor that is not ours is a 400 on `cursor`."""

import pytest
from chalicelib.domain import cursors
from chalicelib.errors import ApiError
from chalicelib.ids import is_id


def test_a_cursor_round_trips_any_sort_key():
    key = "dept#sociaal-domein#01JAZ3Q9V7X0000000000000000"
    assert cursors.decode(cursors.encode(key)) == key


@pytest.mark.parametrize("cursor", ["%%%", "", "////", "gA", cursors.encode("not-an-id")])
def test_malformed_or_foreign_cursors_are_refused_on_the_cursor_field(cursor):
    with pytest.raises(ApiError) as caught:
        cursors.decode(cursor, is_id)
    assert caught.value.status == 400 and caught.value.field == "cursor"
