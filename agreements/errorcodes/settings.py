"""Settings: each AVTALEFLYT_* variable, and the rules across them."""

from __future__ import annotations

from agreements.errorcodes.base import code


class SettingCodes:
    SETTING_INVALID = code(
        "setting.invalid", "variable", "value", "problem",
        says="setting {variable}={value!r} is invalid: {problem}")
    SETTING_NOT_URL = code(
        "setting.not_url", "variable", "value",
        says="setting {variable}={value!r} is invalid: must be an http(s) URL with a host")
    SETTING_CONTROL = code(
        "setting.control_character", "variable", "value",
        says="setting {variable}={value!r} is invalid: contains a control character")
    SETTING_NOT_ONE_ADDRESS = code(
        "setting.not_one_address", "variable", "value",
        says="setting {variable}={value!r} is invalid: must be one e-mail address, e.g. "
             "'avtaleflyt <pjd@ks.no>'")
    SETTING_DAYS = code(
        "setting.days", "variable", "value",
        says="setting {variable}={value!r} is invalid: give a JSON list of days between 1 "
             "and 3650, like [90, 30]")
    SETTING_NOT_JSON_LIST = code(
        "setting.not_json_list", "variable", "value",
        says="setting {variable}={value!r} is invalid: give a JSON list like [90, 30]")
    NHN_HTTP_NEEDS = code(
        "setting.nhn_http_needs", "missing",
        says="settings: AVTALEFLYT_NHN_CHANNEL=http needs {missing}: orders are never sent "
             "unsigned")
    PORTAL_URL_LOCAL = code(
        "setting.portal_url_local", "portal_url", "smtp_host",
        says="settings: AVTALEFLYT_PORTAL_URL is {portal_url}, on this machine only, while "
             "e-mail goes out through {smtp_host}: the links in e-mails would reach no one; set "
             "it to the portal's public address")
    LEASE_TOO_SHORT = code(
        "setting.lease_too_short", "lease", "slowest",
        says="settings: AVTALEFLYT_OUTBOX_LEASE_SECONDS={lease} must be longer than the "
             "slowest hand-off ({slowest} s, AVTALEFLYT_SMTP_TIMEOUT / AVTALEFLYT_NHN_TIMEOUT)")
    SETTING_URL_CREDENTIALS = code(
        "setting.credentials_in_url", "variable",
        says="setting {variable} holds a user name or password in its URL: credentials are "
             "never kept in a URL")
    SETTING_NOT_A_HOST = code(
        "setting.not_a_host", "variable", "value",
        says="setting {variable}={value!r} is not a host name or address")
    DATA_DIR_NOT_A_FOLDER = code(
        "setting.data_dir_not_a_folder", "path",
        says="setting AVTALEFLYT_DATA_DIR names {path!r}, which is not a folder")
    SETTING_DOCUMENT_STORE = code(
        "setting.document_store", "variable", "value",
        says="setting {variable}={value!r} is invalid: give folder, database, or an fsspec URL "
             "such as s3://bucket/avtaleflyt")
    SETTING_STORE_PACKAGE = code(
        "setting.store_package", "variable", "value", "scheme", "package",
        says="setting {variable}={value!r} needs the Python package {package} for "
             "{scheme}://, which is not installed")
    SETTING_AUDIT_ANCHOR = code(
        "setting.audit_anchor", "variable", "value",
        says="setting {variable}={value!r} is invalid: give the path of a file in a folder "
             "every writing process shares")
