"""The extraction cache holds pickles: a folder others can write to must never be loaded."""

import pytest

from wic_site.cache import cache_dir_for
from wic_site.errors import UserError


def test_a_new_cache_folder_is_private(tmp_path):
    folder = cache_dir_for(tmp_path / "index")
    assert folder == tmp_path / ".wic-cache"
    assert folder.stat().st_mode & 0o077 == 0


def test_a_cache_folder_others_can_write_is_refused(tmp_path):
    shared = tmp_path / ".wic-cache"
    shared.mkdir()
    shared.chmod(0o777)
    with pytest.raises(UserError, match=r"\.wic-cache: is writable by others"):
        cache_dir_for(tmp_path / "index")


def test_a_symlinked_cache_folder_is_refused(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / ".wic-cache").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(UserError):
        cache_dir_for(tmp_path / "index")
