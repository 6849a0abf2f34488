"""Settings are typed, and every one of them is documented in the README."""
import pytest

from archive import ROOT
from archive.settings import SETTINGS, SettingError, database_url, from_environment


def test_every_setting_is_in_the_readme_table():
    readme = (ROOT / "README.md").read_text()
    missing = [s.env for s in SETTINGS if f"| `{s.env}` |" not in readme]
    assert missing == []


def test_defaults_and_overrides():
    config = from_environment({"ARCHIVE_PORT": "9001", "ARCHIVE_DATA_DIR": "/tmp/x"})
    assert config["PORT"] == 9001
    assert database_url(config) == "sqlite:////tmp/x/archive.db"
    assert from_environment({})["DATA_DIR"] == "./var"


def test_database_url_overrides_sqlite():
    config = from_environment({"ARCHIVE_DATABASE_URL": "postgresql+psycopg://a@b/c"})
    assert database_url(config) == "postgresql+psycopg://a@b/c"


def test_junk_is_rejected_with_the_setting_name():
    with pytest.raises(SettingError, match="ARCHIVE_PORT"):
        from_environment({"ARCHIVE_PORT": "eighty"})


def test_deleted_keep_days_is_0_or_more():
    assert from_environment({"ARCHIVE_DELETED_KEEP_DAYS": "7"})["DELETED_KEEP_DAYS"] == 7
    assert from_environment({})["DELETED_KEEP_DAYS"] == 30
    with pytest.raises(SettingError, match="ARCHIVE_DELETED_KEEP_DAYS"):
        from_environment({"ARCHIVE_DELETED_KEEP_DAYS": "-1"})


def test_docker_compose_uses_only_real_settings():
    """Every ARCHIVE_* variable the deployment files set is a setting the app reads (or boot.sh's)."""
    import re

    from archive.settings import SETTINGS

    known = {setting.env for setting in SETTINGS} | {"ARCHIVE_LOAD_SEEDS"}
    for name in ("docker-compose.yml", "Dockerfile", "docker/boot.sh"):
        used = set(re.findall(r"\bARCHIVE_[A-Z_]+\b", (ROOT / name).read_text()))
        assert used <= known, (name, used - known)
