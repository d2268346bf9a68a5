"""Start-up: modules are imported with the cycle collector paused, and its state is given back."""

from __future__ import annotations

import gc
import subprocess
import sys

from policyscore._imports import no_collection


def test_the_collector_is_paused_inside_and_left_as_it_was():
    was = gc.isenabled()
    try:
        for before in (True, False):
            (gc.enable if before else gc.disable)()
            with no_collection():
                assert not gc.isenabled()
            assert gc.isenabled() is before
    finally:
        (gc.enable if was else gc.disable)()


def test_importing_the_package_leaves_the_collector_on_and_a_command_freezes_what_it_imported():
    code = (
        "import gc, policyscore; assert gc.isenabled() and gc.get_freeze_count() == 0;"
        "from policyscore.cli import cli; cli.get_command(None, 'validate');"
        "assert gc.isenabled() and gc.get_freeze_count() > 0"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).returncode == 0
