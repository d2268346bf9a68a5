"""JSON in and out gives the same results with orjson and with the standard library."""

from __future__ import annotations

import json

import pytest

from policyscore.io import readers, writers
from policyscore.render import results as render

DOCS = [
    {"b": 1, "a": [1.5, None, True, "é"], "c": {"z": 0.1, "y": -2}},
    {"id": "C1", "score": 72.35, "points": {"x": 20.0, "y": 0.0}},
]


@pytest.mark.parametrize("pretty", [False, True])
def test_dumps_is_the_same_with_and_without_orjson(monkeypatch, pretty):
    fast = [render.dumps(d, pretty=pretty) for d in DOCS]
    monkeypatch.setattr(writers, "_orjson", None)
    slow = [render.dumps(d, pretty=pretty) for d in DOCS]
    assert fast == slow
    assert [json.loads(x) for x in fast] == DOCS


def test_dumps_handles_integers_beyond_64_bits():
    assert render.dumps({"n": 2**70}) == '{"n":1180591620717411303424}'


def test_loads_is_the_same_with_and_without_orjson(monkeypatch):
    text = '{"a": [1, 2.5, null, "x"], "b": {"c": false}}'
    fast = readers.loads(text)
    monkeypatch.setattr(readers, "_orjson", None)
    assert readers.loads(text) == fast
    with pytest.raises(ValueError, match="is not allowed in JSON"):
        readers.loads("NaN")
