"""Configuration (DESIGN §6): defaults, overrides and their precedence, validation errors, diff, and check-config."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from daemon.config import RESTART_KEYS, SECRET_KEYS, Config, ConfigError, build, diff, load

REPO = Path(__file__).resolve().parents[1]
SECRET = "s3cr3t-Value-that-must-not-leak"


def _write(tmp_path: Path, text: str, name: str = "seldenrijk.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _error(tmp_path: Path, text: str) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        load(_write(tmp_path, text), environ={})
    return info.value


# --- loading and defaults -------------------------------------------------------------------------


def test_an_empty_file_gives_the_documented_defaults(tmp_path: Path) -> None:
    """Every key is optional: an empty file validates to the defaults of DESIGN §6."""
    config = load(_write(tmp_path, ""), environ={})
    assert config == Config()
    assert config.server.host == "127.0.0.1"
    assert config.server.port == 8080
    assert config.server.max_body_bytes == 65536
    assert config.server.base_url == "http://127.0.0.1:8080"
    assert config.store.path == "seldenrijk.db"
    assert config.redis.url == ""
    assert config.whatsapp.provider == "twilio"
    assert config.twilio.api_base_url == "https://api.twilio.com"
    assert config.twilio.validate_signature is True
    assert not config.twilio.has_credentials
    assert config.hubspot.base_url == "https://api.hubapi.com" and not config.hubspot.enabled
    assert config.google_calendar.base_url == "https://www.googleapis.com" and not config.google_calendar.enabled
    assert not config.chatwoot.enabled
    assert config.business.timezone == "Europe/Amsterdam"
    assert config.business.opening_hours.mon == "09:00-18:00"
    assert config.business.opening_hours.sat == "09:00-18:00"
    assert config.business.opening_hours.sun == ""
    assert config.business.lunch == "12:00-13:00"
    assert config.business.slot_minutes == 60
    assert config.business.horizon_days == 14
    assert config.logging.level == "info" and config.logging.format == "json"


def test_the_shipped_example_config_validates() -> None:
    """The `seldenrijk.toml` at the repository root, when present, is a valid config."""
    shipped = REPO / "seldenrijk.toml"
    if not shipped.exists():
        pytest.skip("no seldenrijk.toml at the repository root")
    load(shipped, environ={})


def test_a_config_is_immutable(tmp_path: Path) -> None:
    """Reload swaps a config whole; a section cannot be changed in place."""
    config = load(_write(tmp_path, ""), environ={})
    with pytest.raises(ValidationError):
        config.server.port = 1  # type: ignore[misc]


def test_a_missing_explicit_file_is_an_error_naming_it(tmp_path: Path) -> None:
    """A config file asked for by path must exist."""
    missing = tmp_path / "nope.toml"
    with pytest.raises(ConfigError, match="not found") as info:
        load(missing, environ={})
    assert info.value.key == str(missing)


def test_the_config_environment_variable_names_the_file(tmp_path: Path) -> None:
    """`$SELDENRIJK_CONFIG` is read when no path is given."""
    path = _write(tmp_path, "[server]\nport = 9001\n")
    assert load(None, environ={"SELDENRIJK_CONFIG": str(path)}).server.port == 9001


def test_invalid_toml_is_a_config_error(tmp_path: Path) -> None:
    """A syntax error is reported as a ConfigError, not a traceback."""
    with pytest.raises(ConfigError, match="not valid TOML"):
        load(_write(tmp_path, "[server\nport = 1\n"), environ={})


# --- overrides and precedence ---------------------------------------------------------------------


def test_environment_overrides_a_section_key(tmp_path: Path) -> None:
    """`SELDENRIJK_SERVER__PORT` overrides the file and is converted to the key's type."""
    path = _write(tmp_path, "[server]\nport = 8081\n")
    config = load(path, environ={"SELDENRIJK_SERVER__PORT": "9090"})
    assert config.server.port == 9090


def test_environment_overrides_a_nested_key(tmp_path: Path) -> None:
    """`SELDENRIJK_BUSINESS__OPENING_HOURS__SAT` reaches the nested opening-hours table."""
    path = _write(tmp_path, '[business.opening_hours]\nsat = "09:00-17:00"\nmon = "08:00-18:00"\n')
    config = load(path, environ={"SELDENRIJK_BUSINESS__OPENING_HOURS__SAT": "10:00-16:00"})
    assert config.business.opening_hours.sat == "10:00-16:00"
    assert config.business.opening_hours.mon == "08:00-18:00"


def test_environment_override_of_a_boolean_and_the_from_alias(tmp_path: Path) -> None:
    """Strings from the environment become booleans, and `twilio.from` is reachable despite its alias."""
    config = load(_write(tmp_path, ""), environ={
        "SELDENRIJK_TWILIO__VALIDATE_SIGNATURE": "false",
        "SELDENRIJK_TWILIO__FROM": "whatsapp:+3197010203040",
    })
    assert config.twilio.validate_signature is False
    assert config.twilio.from_ == "whatsapp:+3197010203040"


def test_environment_variables_without_a_double_underscore_are_not_config(tmp_path: Path) -> None:
    """`SELDENRIJK_CONFIG` and similar names are not mistaken for keys."""
    config = load(_write(tmp_path, ""), environ={"SELDENRIJK_SOMETHING": "x"})
    assert config == Config()


def test_a_bad_environment_value_names_the_key(tmp_path: Path) -> None:
    """An override that does not validate is reported under the key it targets."""
    with pytest.raises(ConfigError) as info:
        load(_write(tmp_path, ""), environ={"SELDENRIJK_SERVER__PORT": "eighty"})
    assert info.value.key == "server.port"


def test_twilio_credentials_come_from_the_usual_environment_variables(tmp_path: Path) -> None:
    """`TWILIO_ACCOUNT_SID` and `TWILIO_AUTH_TOKEN` fill the twilio section."""
    config = load(_write(tmp_path, ""), environ={"TWILIO_ACCOUNT_SID": "AC" + "1" * 32, "TWILIO_AUTH_TOKEN": SECRET})
    assert config.twilio.account_sid == "AC" + "1" * 32
    assert config.twilio.auth_token == SECRET
    assert config.twilio.has_credentials


def test_secrets_are_read_from_the_systemd_credentials_directory(tmp_path: Path) -> None:
    """A file `$CREDENTIALS_DIRECTORY/twilio.auth_token` fills that key, without its trailing newline."""
    creds = tmp_path / "creds"
    creds.mkdir()
    (creds / "twilio.auth_token").write_text(SECRET + "\n", encoding="utf-8")
    (creds / "hubspot.access_token").write_text("pat-eu1-abc\n", encoding="utf-8")
    config = load(_write(tmp_path, ""), environ={"CREDENTIALS_DIRECTORY": str(creds)})
    assert config.twilio.auth_token == SECRET
    assert config.hubspot.access_token == "pat-eu1-abc"


def test_precedence_is_file_then_credentials_then_environment(tmp_path: Path) -> None:
    """A credential file beats the TOML file, and an environment variable beats both."""
    path = _write(tmp_path, '[twilio]\nauth_token = "from-file"\n')
    creds = tmp_path / "creds"
    creds.mkdir()
    (creds / "twilio.auth_token").write_text("from-credentials", encoding="utf-8")
    assert load(path, environ={}).twilio.auth_token == "from-file"
    assert load(path, environ={"CREDENTIALS_DIRECTORY": str(creds)}).twilio.auth_token == "from-credentials"
    both = {"CREDENTIALS_DIRECTORY": str(creds), "TWILIO_AUTH_TOKEN": "from-env"}
    assert load(path, environ=both).twilio.auth_token == "from-env"
    generic = {"CREDENTIALS_DIRECTORY": str(creds), "SELDENRIJK_TWILIO__AUTH_TOKEN": "from-generic-env"}
    assert load(path, environ=generic).twilio.auth_token == "from-generic-env"


# --- validation errors name the key ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ("[server]\nprot = 8080\n", "server.prot"),
        ("[serverr]\nport = 8080\n", "serverr"),
        ("[business.opening_hours]\nsaturday = \"09:00-17:00\"\n", "business.opening_hours.saturday"),
    ],
)
def test_an_unknown_key_is_an_error_naming_it(tmp_path: Path, toml: str, key: str) -> None:
    """Typos are errors, not silently ignored settings."""
    error = _error(tmp_path, toml)
    assert error.key == key
    assert error.reason == "unknown key"
    assert str(error).startswith(key + ":")


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ('[server]\nport = "eighty"\n', "server.port"),
        ("[server]\nport = 70000\n", "server.port"),
        ("[server]\nmax_body_bytes = 10\n", "server.max_body_bytes"),
        ('[twilio]\nvalidate_signature = "maybe"\n', "twilio.validate_signature"),
        ("[business]\nslot_minutes = 5\n", "business.slot_minutes"),
        ("[limits]\nmailbox_size = 0\n", "limits.mailbox_size"),
        ('[business]\ntimezone = "Europe/Barneveld"\n', "business.timezone"),
        ('[redis]\nurl = "http://localhost:6379"\n', "redis.url"),
    ],
)
def test_a_wrong_type_or_out_of_range_value_names_the_key(tmp_path: Path, toml: str, key: str) -> None:
    """Type and range errors are reported under `section.key`."""
    assert _error(tmp_path, toml).key == key


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ('[whatsapp]\nprovider = "telegram"\n', "whatsapp.provider"),
        ('[logging]\nlevel = "verbose"\n', "logging.level"),
        ('[logging]\nformat = "xml"\n', "logging.format"),
    ],
)
def test_a_value_outside_an_enum_names_the_key(tmp_path: Path, toml: str, key: str) -> None:
    """Enumerated keys accept only their documented values."""
    assert _error(tmp_path, toml).key == key


def test_logging_level_is_case_insensitive(tmp_path: Path) -> None:
    """`WARNING` is accepted as `warning`."""
    assert load(_write(tmp_path, '[logging]\nlevel = "WARNING"\n'), environ={}).logging.level == "warning"


@pytest.mark.parametrize("hours", ["9-18", "09:00-24:00", "18:00-09:00", "09:00-09:00", "09:00 - 18:00", "closed"])
def test_bad_opening_hours_name_the_weekday(tmp_path: Path, hours: str) -> None:
    """Opening hours must be `HH:MM-HH:MM` with closing after opening, or "" for closed."""
    error = _error(tmp_path, f'[business.opening_hours]\nsat = "{hours}"\n')
    assert error.key == "business.opening_hours.sat"


def test_empty_opening_hours_mean_closed(tmp_path: Path) -> None:
    """An empty string is the documented way to close a day."""
    config = load(_write(tmp_path, '[business.opening_hours]\nsat = ""\n'), environ={})
    assert config.business.opening_hours.for_weekday(5) == ""


def test_bad_lunch_names_the_key(tmp_path: Path) -> None:
    """The lunch break uses the same range format."""
    assert _error(tmp_path, '[business]\nlunch = "13:00-12:00"\n').key == "business.lunch"


@pytest.mark.parametrize("sender", ["+3197010203040", "whatsapp:3197010203040", "whatsapp:+0612345678", "sms:+31612"])
def test_a_bad_twilio_from_names_the_key(tmp_path: Path, sender: str) -> None:
    """`twilio.from` must be `whatsapp:+<E.164>`, and the error says `twilio.from`, not the Python name."""
    assert _error(tmp_path, f'[twilio]\nfrom = "{sender}"\n').key == "twilio.from"


@pytest.mark.parametrize("url", ["bot.example.nl", "https://bot.example.nl/webhooks", "ftp://bot.example.nl",
                                 "https://bot example.nl"])
def test_a_bad_public_url_names_the_key(tmp_path: Path, url: str) -> None:
    """`server.public_url` is `scheme://host[:port]` without a path."""
    assert _error(tmp_path, f'[server]\npublic_url = "{url}"\n').key == "server.public_url"


def test_public_url_loses_a_trailing_slash(tmp_path: Path) -> None:
    """A trailing slash is harmless and is removed, so signed URLs are built without `//`."""
    config = load(_write(tmp_path, '[server]\npublic_url = "https://bot.example.nl:8443/"\n'), environ={})
    assert config.server.public_url == "https://bot.example.nl:8443"
    assert config.server.base_url == "https://bot.example.nl:8443"


def test_waha_provider_needs_a_base_url(tmp_path: Path) -> None:
    """Choosing the WAHA provider without its URL is rejected with a reason naming both keys."""
    error = _error(tmp_path, '[whatsapp]\nprovider = "waha"\n')
    assert "waha.base_url" in str(error)


@pytest.mark.parametrize(
    "toml",
    [
        f'[redis]\nurl = "http://:{SECRET}@redis.local:6379"\n',
        f"[twilio]\nauth_token = [\"{SECRET}\"]\n",
        f'[waha]\nhmac_key = {{ value = "{SECRET}" }}\n',
        f'[chatwoot]\naccount_id = "{SECRET}"\n',
        f'[server]\npublic_url = "https://{SECRET}.example.nl/path"\n',
    ],
)
def test_a_bad_secret_value_never_appears_in_the_error(tmp_path: Path, toml: str) -> None:
    """Error text names the key and the reason, never the offending value."""
    error = _error(tmp_path, toml)
    assert SECRET not in str(error)
    assert SECRET not in error.reason
    assert SECRET not in repr(error)


def test_a_bad_secret_from_the_environment_never_appears_in_the_error(tmp_path: Path) -> None:
    """An environment override that fails validation does not echo the secret either."""
    with pytest.raises(ConfigError) as info:
        load(_write(tmp_path, ""), environ={"SELDENRIJK_REDIS__URL": f"http://:{SECRET}@redis"})
    assert info.value.key == "redis.url"
    assert SECRET not in str(info.value)


# --- diff and secrets -----------------------------------------------------------------------------


def test_diff_lists_changed_keys_and_marks_those_needing_a_restart(tmp_path: Path) -> None:
    """Reload reports which keys changed and which of them only apply after a restart."""
    old = build({"server": {"port": 8080}, "logging": {"level": "info"}, "twilio": {"auth_token": "old-token"}})
    new = build({
        "server": {"port": 8081},
        "logging": {"level": "debug"},
        "twilio": {"auth_token": "new-token"},
        "business": {"opening_hours": {"sat": "10:00-16:00"}},
    })
    result = diff(old, new)
    assert result.changed == ("business.opening_hours.sat", "logging.level", "server.port", "twilio.auth_token")
    assert result.needs_restart == ("server.port",)
    assert set(result.needs_restart) <= RESTART_KEYS


def test_diff_of_equal_configs_is_empty() -> None:
    """Reloading an unchanged file changes nothing."""
    result = diff(Config(), build({}))
    assert result.changed == () and result.needs_restart == ()


def test_diff_never_carries_secret_values() -> None:
    """The diff holds key names only, so logging it cannot leak a token."""
    result = diff(build({"twilio": {"auth_token": "old-" + SECRET}}), build({"twilio": {"auth_token": SECRET}}))
    assert result.changed == ("twilio.auth_token",)
    assert SECRET not in repr(result)


def test_secret_values_collects_every_configured_secret() -> None:
    """The logger's masker gets the values of every secret key, and only those."""
    config = build({
        "twilio": {"auth_token": SECRET, "account_sid": "AC" + "3" * 32},
        "hubspot": {"access_token": "pat-eu1-0000"},
        "redis": {"url": "redis://:pw@127.0.0.1:6379/0"},
        "chatwoot": {"base_url": "http://chatwoot.local", "webhook_secret": "cw-secret"},
    })
    assert config.secret_values() == {SECRET, "pat-eu1-0000", "redis://:pw@127.0.0.1:6379/0", "cw-secret"}


def test_secret_values_skips_empty_and_trivially_short_values() -> None:
    """Masking one- to three-character strings everywhere would garble logs, so they are not collected."""
    assert build({"twilio": {"auth_token": "abc"}}).secret_values() == frozenset()
    assert Config().secret_values() == frozenset()


def test_every_secret_key_exists_in_the_flat_config() -> None:
    """The secret list names real keys, so none is silently unmasked by a typo."""
    assert SECRET_KEYS <= set(Config().flat())
    assert RESTART_KEYS <= set(Config().flat())


# --- seldenrijk check-config ----------------------------------------------------------------------


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SELDENRIJK_", "TWILIO_")) and k != "CREDENTIALS_DIRECTORY"}
    env.update(extra)
    return env


def _check(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "daemon", "check-config", *args],
        cwd=REPO, env=env or _env(), capture_output=True, text=True, timeout=60,
    )


def _store(tmp_path: Path, extra: str = "") -> str:
    return f'[store]\npath = "{tmp_path / "seldenrijk.db"}"\n{extra}'


def test_check_config_accepts_a_valid_file(tmp_path: Path) -> None:
    """A valid config exits 0 and says so."""
    result = _check("--config", str(_write(tmp_path, _store(tmp_path))))
    assert result.returncode == 0, result.stderr
    assert "ok" in result.stdout


def test_check_config_reports_an_unknown_key_on_one_line(tmp_path: Path) -> None:
    """An unknown key exits 2 with exactly one stderr line naming `section.key`."""
    result = _check("--config", str(_write(tmp_path, _store(tmp_path, "[server]\nprot = 8080\n"))))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "server.prot" in lines[0]


def test_check_config_reports_a_wrong_type(tmp_path: Path) -> None:
    """A wrong type exits 2 naming the key."""
    result = _check("--config", str(_write(tmp_path, _store(tmp_path, '[server]\nport = "x"\n'))))
    assert result.returncode == 2
    assert "server.port" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_check_config_reports_a_missing_file(tmp_path: Path) -> None:
    """A config path that does not exist exits 2."""
    result = _check("--config", str(tmp_path / "missing.toml"))
    assert result.returncode == 2
    assert "missing.toml" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_check_config_rejects_an_unwritable_store_directory(tmp_path: Path) -> None:
    """A store directory the daemon cannot write exits 2 naming `store.path`."""
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running with privileges that ignore directory permissions")
        config = _write(tmp_path, f'[store]\npath = "{locked / "seldenrijk.db"}"\n')
        result = _check("--config", str(config))
    finally:
        locked.chmod(0o700)
    assert result.returncode == 2
    assert "store.path" in result.stderr


def test_check_config_rejects_a_store_path_inside_a_regular_file(tmp_path: Path) -> None:
    """A store path whose parent is a file exits 2 naming `store.path`."""
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    config = _write(tmp_path, f'[store]\npath = "{blocker / "seldenrijk.db"}"\n')
    result = _check("--config", str(config))
    assert result.returncode == 2
    assert "store.path" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_check_config_honours_the_config_environment_variable(tmp_path: Path) -> None:
    """Without `--config`, `$SELDENRIJK_CONFIG` names the file that is checked."""
    good = _write(tmp_path, _store(tmp_path), "good.toml")
    bad = _write(tmp_path, _store(tmp_path, "[limits]\nunknown_limit = 1\n"), "bad.toml")
    assert _check(env=_env(SELDENRIJK_CONFIG=str(good))).returncode == 0
    result = _check(env=_env(SELDENRIJK_CONFIG=str(bad)))
    assert result.returncode == 2
    assert "limits.unknown_limit" in result.stderr


def test_check_config_prefers_the_command_line_path_over_the_environment(tmp_path: Path) -> None:
    """`--config` wins over `$SELDENRIJK_CONFIG`."""
    good = _write(tmp_path, _store(tmp_path), "good.toml")
    result = _check("--config", str(good), env=_env(SELDENRIJK_CONFIG=str(tmp_path / "missing.toml")))
    assert result.returncode == 0, result.stderr


def test_check_config_applies_environment_overrides(tmp_path: Path) -> None:
    """A bad override in the environment fails the check like a bad file would."""
    good = _write(tmp_path, _store(tmp_path))
    result = _check("--config", str(good), env=_env(SELDENRIJK_LOGGING__LEVEL="chatty"))
    assert result.returncode == 2
    assert "logging.level" in result.stderr
