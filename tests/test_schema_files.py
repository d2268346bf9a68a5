"""``record: schema:`` names a regular JSON file of bounded size: never a device, a pipe or a bomb."""

from __future__ import annotations

import json
import os

import pytest

import policyscore as ps
from policyscore.policyfile.fields import MAX_SCHEMA_BYTES, MAX_SCHEMA_DEPTH


def policy(schema: str) -> str:
    return f"policy: t\nversion: 1\nrecord:\n  schema: {schema}\nfactors:\n  - id: f\n    weight: 1\n    value: '1'\n"


def schema_error(tmp_path, schema: str) -> ps.Diagnostic:
    found = [d for d in ps.check_text(policy(schema), "p.yaml", tmp_path) if d.is_error]
    assert [(d.code, d.span.line, d.span.column) for d in found] == [("PS113", 4, 11)], found
    return found[0]


def test_a_device_is_refused_without_reading_it(tmp_path):
    assert "not a regular file" in schema_error(tmp_path, "/dev/zero").message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_opening_it(tmp_path):
    os.mkfifo(tmp_path / "pipe.json")  # opening it for reading would block until a writer comes
    assert "not a regular file" in schema_error(tmp_path, "pipe.json").message


def test_a_path_holding_a_nul_character_is_refused(tmp_path):
    assert "embedded null byte" in schema_error(tmp_path, '"a\\0b.json"').message  # it raised ValueError


def test_a_directory_is_refused(tmp_path):
    (tmp_path / "dir.json").mkdir()
    assert "is a directory" in schema_error(tmp_path, "dir.json").message


def test_a_file_over_the_size_limit_is_refused(tmp_path):
    with open(tmp_path / "big.json", "wb") as stream:
        stream.truncate(MAX_SCHEMA_BYTES + 1)  # sparse: no disk space used
    assert f"the limit is {MAX_SCHEMA_BYTES:,}" in schema_error(tmp_path, "big.json").message


def test_a_schema_that_refers_to_itself_is_refused(tmp_path):
    node = {"type": "object", "properties": {"child": {"$ref": "#/$defs/node"}}}
    doc = {"type": "object", "$defs": {"node": node}, "properties": {"id": {"type": "string"}, "tree": {"$ref": "#/$defs/node"}}}
    (tmp_path / "loop.json").write_text(json.dumps(doc), encoding="utf-8")
    assert f"more than {MAX_SCHEMA_DEPTH} levels deep" in schema_error(tmp_path, "loop.json").message


def test_a_schema_file_that_is_not_utf8_is_refused(tmp_path):
    (tmp_path / "latin.json").write_bytes(b'{"properties": {"caf\xe9": {"type": "string"}}}')
    assert "not UTF-8" in schema_error(tmp_path, "latin.json").message


def test_a_regular_schema_file_still_declares_the_fields(tmp_path):
    doc = {"type": "object", "properties": {"id": {"type": "string"}, "n": {"type": ["number", "null"]}}}
    (tmp_path / "ok.json").write_text(json.dumps(doc), encoding="utf-8")
    p = ps.load_policy_text(policy("ok.json"), "p.yaml", tmp_path)
    assert sorted(p.fields) == ["id", "n"] and p.fields["n"].type.nullable
