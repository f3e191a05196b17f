"""The command line's English for the settings codes, with its hints (flags)."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.SETTING_INVALID: "setting {variable}={value!r} is invalid: {problem}",
    Code.SETTING_NOT_URL:
        "setting {variable}={value!r} is invalid: must be an http(s) URL with a host",
    Code.SETTING_CONTROL: "setting {variable}={value!r} is invalid: contains a control character",
    Code.SETTING_NOT_ONE_ADDRESS:
        "setting {variable}={value!r} is invalid: must be one e-mail address, e.g. 'avtaleflyt "
        "<pjd@ks.no>'",
    Code.SETTING_DAYS:
        "setting {variable}={value!r} is invalid: give a JSON list of days between 1 and 3650, "
        "like [90, 30]",
    Code.SETTING_NOT_JSON_LIST:
        "setting {variable}={value!r} is invalid: give a JSON list like [90, 30]",
    Code.NHN_HTTP_NEEDS:
        "settings: AVTALEFLYT_NHN_CHANNEL=http needs {missing}: orders are never sent unsigned",
    Code.PORTAL_URL_LOCAL:
        "settings: AVTALEFLYT_PORTAL_URL is {portal_url}, on this machine only, while e-mail goes "
        "out through {smtp_host}: the links in e-mails would reach no one; set it to the "
        "portal's public address",
    Code.LEASE_TOO_SHORT:
        "settings: AVTALEFLYT_OUTBOX_LEASE_SECONDS={lease} must be longer than the slowest "
        "hand-off ({slowest} s, AVTALEFLYT_SMTP_TIMEOUT / AVTALEFLYT_NHN_TIMEOUT)",
    Code.SETTING_URL_CREDENTIALS:
        "setting {variable} holds a user name or password in its URL: credentials are never kept "
        "in a URL",
    Code.SETTING_NOT_A_HOST: "setting {variable}={value!r} is not a host name or address",
    Code.DATA_DIR_NOT_A_FOLDER: "setting AVTALEFLYT_DATA_DIR names {path!r}, which is not a folder",
    Code.SETTING_DOCUMENT_STORE:
        "setting {variable}={value!r} is invalid: give folder, database, or an fsspec URL such "
        "as s3://bucket/avtaleflyt",
    Code.SETTING_STORE_PACKAGE:
        "setting {variable}={value!r} needs the Python package {package} for {scheme}://, which "
        "is not installed here (pip install {package})",
    Code.SETTING_AUDIT_ANCHOR:
        "setting {variable}={value!r} is invalid: give the path of a file (in a folder every "
        "machine that writes shares)",
}
