"""The set-up's installer hands uv what pip is configured with, so both install from the same
indexes, links and constraints."""

from __future__ import annotations

from scripts.install_venv import pip_settings, uv_options

# what `pip config list` prints on this kind of machine: a file's settings and PIP_* variables
LISTING = """\
:env:.cert='/etc/ssl/certs/ca-certificates.crt'
:env:.default-timeout='180'
:env:.find-links='/opt/wheels'
global.cert='/etc/ssl/certs/ca-certificates.crt'
global.constraint='/etc/xdg/pip/constraints.txt'
global.extra-index-url='file:///opt/pypi/simple file:///opt/pypi-more/simple'
global.find-links='/opt/wheels'
freeze.find-links='/not/for/install'
install.index-url='https://mirror.example/simple'
"""


def test_every_install_setting_is_read_from_where_pip_takes_it() -> None:
    """Each option from the section pip gives precedence: a PIP_* variable over [install]
    over [global]; another command's section ([freeze]) not at all."""
    settings = pip_settings(LISTING + ":env:.index-url='https://env.example/simple'\n")
    assert settings["find-links"] == ["/opt/wheels"]
    assert settings["extra-index-url"] == ["file:///opt/pypi/simple",
                                           "file:///opt/pypi-more/simple"]
    assert settings["constraint"] == ["/etc/xdg/pip/constraints.txt"]
    assert settings["cert"] == ["/etc/ssl/certs/ca-certificates.crt"]
    assert settings["index-url"] == ["https://env.example/simple"]
    assert pip_settings(LISTING)["index-url"] == ["https://mirror.example/simple"]


def test_uv_gets_the_same_indexes_links_and_constraints() -> None:
    """Each of pip's options as uv's, in the order uv reads them."""
    options = uv_options(pip_settings(LISTING))
    pairs = list(zip(options[3::2], options[4::2], strict=True))
    assert options[:3] == ["--native-tls", "--index-strategy", "unsafe-best-match"]
    assert pairs == [("--index-url", "https://mirror.example/simple"),
                     ("--extra-index-url", "file:///opt/pypi/simple"),
                     ("--extra-index-url", "file:///opt/pypi-more/simple"),
                     ("--find-links", "/opt/wheels"),
                     ("--constraint", "/etc/xdg/pip/constraints.txt")]


def test_nothing_configured_means_uv_s_own_defaults() -> None:
    """No configuration: only what makes uv choose as pip does."""
    assert uv_options(pip_settings("")) == ["--native-tls", "--index-strategy",
                                            "unsafe-best-match"]
