"""The extractor's fingerprint: its version constant, its data files, the model and spaCy."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
META = {"name": "core_web_sm", "version": "3.8.0"}


@pytest.fixture
def package_copy(tmp_path):
    """A copy of the quotes package to edit, importable from ``tmp_path``."""
    shutil.copytree(ROOT / "quotes", tmp_path / "quotes", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def fingerprint_of(root: Path) -> str:
    """The fingerprint computed by the package under ``root``, in a fresh interpreter."""
    code = f"from quotes.index import fingerprint; print(fingerprint({META!r}))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=root,
        env={"PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_a_comment_in_the_extraction_code_keeps_the_fingerprint(package_copy):
    before = fingerprint_of(package_copy)
    extract = package_copy / "quotes" / "extract.py"
    extract.write_text(extract.read_text("utf-8") + "\n# a comment changes no row\n", encoding="utf-8")
    assert len(before) == 16
    assert fingerprint_of(package_copy) == before


def test_editing_a_data_file_changes_the_fingerprint(package_copy):
    before = fingerprint_of(package_copy)
    roles = package_copy / "quotes" / "data" / "roles.txt"
    roles.write_text(roles.read_text("utf-8") + "harbourmaster\n", encoding="utf-8")
    assert fingerprint_of(package_copy) != before


def test_bumping_the_extractor_version_changes_the_fingerprint(package_copy):
    before = fingerprint_of(package_copy)
    version = package_copy / "quotes" / "version.py"
    text, count = re.subn(
        r"^EXTRACTOR_VERSION = (\d+)",
        lambda m: f"EXTRACTOR_VERSION = {int(m[1]) + 1}",
        version.read_text("utf-8"),
        flags=re.MULTILINE,
    )
    assert count == 1
    version.write_text(text, encoding="utf-8")
    assert fingerprint_of(package_copy) != before


def test_the_model_version_changes_the_fingerprint():
    from quotes.index import fingerprint

    assert fingerprint(META) != fingerprint({**META, "version": "3.8.1"})
    assert fingerprint(META) == fingerprint(dict(META))
