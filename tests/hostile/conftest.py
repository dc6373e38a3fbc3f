"""Fixtures of the broken- and hostile-input tests (their functions: tests/helpers/corpus.py)."""

import shutil

import pytest


@pytest.fixture
def previous(sample, built):
    """The sample with last time's good documents in its build/."""
    shutil.copytree(built, sample / "build")
    return sample
