"""The tmux session each end-to-end test runs the app in (tmux_support.py)."""

from __future__ import annotations

import os

import pytest

from tests.e2e.tmux_support import end_session


@pytest.fixture
def session():
    name = f"app{os.getpid()}"
    yield name
    end_session(name)
