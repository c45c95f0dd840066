"""The demo's data directory: never written into or wiped unless khobao demo made it; ports remembered."""

from __future__ import annotations

import dataclasses
import socket

import pytest

from khobao.demo.build import DemoDir, DemoError
from khobao.demo.server import SampleSites


def test_a_new_or_empty_directory_is_fine(tmp_path):
    DemoDir(tmp_path / "new").check()
    (tmp_path / "empty").mkdir()
    DemoDir(tmp_path / "empty").check()


def test_a_foreign_directory_or_a_file_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(DemoError, match="did not make"):
        DemoDir(tmp_path).check()
    with pytest.raises(DemoError, match="is a file"):
        DemoDir(tmp_path / "notes.txt").check()


def test_wipe_removes_the_build_and_nothing_else(tmp_path, settings):
    settings = dataclasses.replace(settings, data_dir=tmp_path)
    demo = DemoDir(tmp_path)
    demo.save(built=True, ports={"nhipsong": 1})
    for path in (settings.store_path, settings.frontier_path, settings.warc_dir / "a.warc.gz",
                 settings.index_dir / "seg", tmp_path / "keep.txt"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    demo.check()                                     # the marker makes it ours
    demo.wipe(settings)
    assert not settings.store_path.exists() and not settings.frontier_path.exists()
    assert not settings.warc_dir.exists() and not settings.index_dir.exists()
    assert (tmp_path / "keep.txt").exists()
    assert demo.state() == {"built": False, "ports": {"nhipsong": 1}}


def test_sites_take_their_old_ports_or_say_they_moved():
    with SampleSites() as first:
        ports = first.ports
    with SampleSites(ports=ports) as again:
        assert again.ports == ports and not again.moved
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen()
    try:
        taken = {"nhipsong": blocker.getsockname()[1]}
        with SampleSites(ports=taken) as moved:
            assert moved.moved and moved.ports["nhipsong"] != taken["nhipsong"]
    finally:
        blocker.close()
