"""Policy and test files that are not what they should be: the problem is named where it is, and shown safely."""

from __future__ import annotations

import policyscore as ps
from policyscore.errors import render_diagnostics
from policyscore.review.policytest import check_test_file

GOOD = "policy: p\nversion: 1\nrecord: {fields: {spend: number}}\nfactors: [{id: a, weight: 10, value: spend}]\n"


def _one(path) -> tuple[str, int, int, str]:
    (d,) = ps.check(path)
    assert d.span is not None
    return d.code, d.span.line, d.span.column, d.message


def test_a_control_character_is_named_at_its_line_and_column(tmp_path):
    # It was "position 127" of "<unicode string>", at line 1, column 1.
    path = tmp_path / "nul.yaml"
    path.write_text(GOOD + "# a\0b\n", encoding="utf-8")
    assert _one(path) == ("PS101", 5, 4, "YAML error: the character '\\x00' (U+0000) is not allowed (control characters are not allowed)")
    rendered = render_diagnostics(ps.check(path), {str(path): path.read_text(encoding="utf-8")})
    assert "\0" not in rendered and "5 | # a\ufffdb\n" in rendered and rendered.endswith("\n  |    ^")  # the caret under it


def test_a_file_that_is_not_utf8_is_named_with_a_column_in_characters(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes(GOOD.encode() + "# café ".encode() + "café\n".encode("latin-1"))
    assert _one(path) == ("PS002", 5, 11, "the file is not valid UTF-8 (byte 0xe9)")  # column 12 in bytes
    utf16 = tmp_path / "utf16.yaml"
    utf16.write_bytes(GOOD.encode("utf-16"))
    assert _one(utf16) == ("PS002", 1, 1, "the file is UTF-16, not UTF-8: save it as UTF-8")
    test = tmp_path / "p.test.yaml"
    test.write_bytes("policy: p.yaml\n# é ".encode() + "é\n".encode("latin-1"))
    assert [(d.code, d.span.line, d.span.column, d.message) for d in check_test_file(test)] == [
        ("PS002", 2, 5, "the file is not valid UTF-8 (byte 0xe9)")
    ]


def test_a_number_too_long_to_read_is_named_briefly(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text(GOOD.replace("weight: 10", "weight: 1" + "0" * 5000), encoding="utf-8")
    messages = [d.message for d in ps.check(path)]
    # the one problem there is: no second error about the text the value was left as ("got string ...")
    assert messages == [f"invalid value '1{'0' * 56}...': more than 4300 digits"]


def test_a_policy_or_test_file_past_the_size_limit_is_refused_without_reading_on(run, tmp_path):
    # /dev/zero as a policy was read until memory ran out.
    from policyscore.policyfile.yamlsource import MAX_SOURCE_BYTES

    big = tmp_path / "big.yaml"
    with open(big, "wb") as stream:
        stream.write(GOOD.encode())
        stream.truncate(MAX_SOURCE_BYTES + 1)  # sparse: no disk space used
    (d,) = ps.check(big)
    assert (d.code, d.message) == ("PS001", f"cannot read {big}: it holds more than 10,485,760 bytes, the limit for a policy or test file")
    test = tmp_path / "big.test.yaml"
    test.write_bytes(big.read_bytes())
    assert [d.code for d in check_test_file(test)] == ["PS001"]
    for args in (["validate", big], ["score", big, big], ["test", test], ["validate", "--policies-only", big]):
        out = run(*args)
        assert out.exit_code == 1 and "more than 10,485,760 bytes" in out.output, (args, out.output)
