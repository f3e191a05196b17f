"""The bad-input table, issue 22: inputs that could exhaust the machine (pipes, devices, links,
huge and endless files, ZIP bombs), credentials in URLs, numbers and days out of range. Every
case runs under a memory limit (tests/test_bad_input.py). `{name}` is a file made by
`special_files`; ORGNR-like constants come from tests/world.py."""

from __future__ import annotations

import os
import zipfile
from datetime import date
from pathlib import Path

from agreements.core import bounded
from agreements.core.calendar import add_working_days
from tests.bad_inputs import DONE, ONBOARD, OSLO, SIGN, Bad, bad
from tests.conftest import ROOT

EVIDENCE = (*DONE, "risikovurdering", "--evidence")
HUGE = "1180591620717411303424"
LAPSE_DAY = add_working_days(date.today(), 45).isoformat()  # past #1's signing deadline
CHECK = ("templates", "check")


def _zip(path: Path, members: dict[str, bytes]) -> str:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return str(path)


def _templates(root: Path, name: str, replace: dict[str, bytes] | None = None,
               fifo: bool = False, link: bool = False) -> str:
    """The real templates, with the reminder letter replaced by something hostile."""
    folder = root / f"templates-{name}"
    folder.mkdir()
    for source in (ROOT / "templates").glob("*.docx"):
        (folder / source.name).write_bytes(source.read_bytes())
    target = folder / "paaminnelse.docx"
    target.unlink()
    if fifo:
        os.mkfifo(target)
    elif link:
        target.symlink_to(ROOT / "templates" / "paaminnelse.docx")
    else:
        _zip(target, replace or {})
    return str(folder)


def special_files(root: Path, pdf: Path) -> dict[str, str]:
    """Pipes, links, sparse giants, long lines, ZIP bombs: paths for the cases below."""
    ooxml = b'<Types><Override ContentType="wordprocessingml.document.main+xml"/></Types>'
    bomb = {"[Content_Types].xml": ooxml, "word/document.xml": b"\0" * (40 * 1024 * 1024)}
    many = {f"word/media/{i}.bin": b"x" for i in range(bounded.ZIP_MAX_MEMBERS + 1)}
    paths = {"fifo": root / "pipe.csv", "fifo_pdf": root / "pipe.pdf"}
    for path in paths.values():
        os.mkfifo(path)
    for name, target in {"link_pdf": pdf, "link_csv": root / "csv_ok",
                         "link_hostname": Path("/etc/hostname"),
                         "dangling": root / "gone.pdf"}.items():
        paths[name] = root / f"{name}.pdf"
        paths[name].symlink_to(target)
    for name, size in {"sparse_csv": 10 * 1024 ** 3, "sparse_pdf": 5 * 1024 ** 3}.items():
        paths[name] = root / name
        with open(paths[name], "wb") as fh:
            fh.truncate(size)
    texts = {"csv_long_line": b"orgnr,role\n" + b"9" * (2 * 1024 * 1024),
             "csv_long_header": b"orgnr,role," + b"x" * (bounded.LINE_MAX + 10) + b"\n1,k\n",
             "csv_rows": b"orgnr,role\n" + b"1,kilde\n" * (bounded.CSV_MAX_ROWS + 1),
             "csv_endless_cell": b'orgnr,role\n1,"' + b"a\n" * 100_000,
             "csv_utf16": "orgnr,role\n964338531,kilde\n".encode("utf-16"),
             "csv_gzip": b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4,
             "csv_bom_only": b"\xef\xbb\xbf", "text_pdf": b"Dette er ingen PDF\n",
             "exe_pdf": b"MZ\x90\x00\x03" + b"\0" * 200, "png": b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
             "broken_zip": b"PK\x03\x04" + b"\x00" * 100}
    for name, data in texts.items():
        paths[name] = root / name
        paths[name].write_bytes(data)
    paths["bomb_docx"] = Path(_zip(root / "ros.docx", bomb))
    paths["many_docx"] = Path(_zip(root / "many.docx", many))
    paths["plain_zip"] = Path(_zip(root / "plain.zip", {"a.txt": b"a"}))
    found = {k: str(v) for k, v in paths.items()}
    found.update({
        "templates_bomb": _templates(root, "bomb", bomb),
        "templates_many": _templates(root, "many", many),
        "templates_text": _templates(root, "text", {}),
        "templates_fifo": _templates(root, "fifo", fifo=True),
        "templates_link": _templates(root, "link", link=True),
    })
    Path(found["templates_text"], "paaminnelse.docx").write_bytes(b"ikke en zip")
    return found


CASES: dict[str, Bad] = {
    # the onboarding CSV: what it is, how large, how long
    "CSV that is a named pipe": bad(*ONBOARD, "{fifo}", said="named pipe"),
    "CSV that is /dev/zero": bad(*ONBOARD, "/dev/zero", said="is a device"),
    "CSV that is /dev/urandom": bad(*ONBOARD, "/dev/urandom", said="is a device"),
    "CSV that is /dev/null": bad(*ONBOARD, "/dev/null", said="is a device"),
    "CSV that is a symbolic link": bad(*ONBOARD, "{link_csv}", said="symbolic link"),
    "CSV that is a dangling link": bad(*ONBOARD, "{dangling}", said="symbolic link"),
    "CSV of 10 GB (sparse)": bad(*ONBOARD, "{sparse_csv}", said="the limit is 67108864"),
    "CSV whose one line is 2 MB": bad(*ONBOARD, "{csv_long_line}", said="line 2 is longer"),
    "CSV whose header is over the line limit": bad(*ONBOARD, "{csv_long_header}",
                                                   said="line 1 is longer"),
    "CSV of 100,001 rows": bad(*ONBOARD, "{csv_rows}", said="more than 100000 rows"),
    "CSV with a quoted cell of 100,000 lines": bad(*ONBOARD, "{csv_endless_cell}",
                                                   said="line 2"),
    "CSV in UTF-16": bad(*ONBOARD, "{csv_utf16}", said="not UTF-8"),
    "CSV that is gzip": bad(*ONBOARD, "{csv_gzip}", said="not UTF-8"),
    "CSV of only a BOM": bad(*ONBOARD, "{csv_bom_only}", said="empty"),
    "CSV inside a file": bad(*ONBOARD, "{text_pdf}/rows.csv", said="does not exist"),
    # signed copies
    "sign with a named pipe": bad(*SIGN, "{fifo_pdf}", said="named pipe"),
    "sign with /dev/zero": bad(*SIGN, "/dev/zero", said="is a device"),
    "sign with /dev/urandom": bad(*SIGN, "/dev/urandom", said="is a device"),
    "sign with a symbolic link": bad(*SIGN, "{link_pdf}", said="symbolic link"),
    "sign with a dangling link": bad(*SIGN, "{dangling}", said="symbolic link"),
    "sign with a 5 GB file (sparse)": bad(*SIGN, "{sparse_pdf}", said="the limit is"),
    "sign with a PNG": bad(*SIGN, "{png}", said="not a PDF"),
    "sign with a ZIP bomb": bad(*SIGN, "{bomb_docx}", said="not a PDF"),
    # evidence: what it is, and what its content says it is
    "evidence that is a named pipe": bad(*EVIDENCE, "{fifo_pdf}", said="named pipe"),
    "evidence that is /dev/zero": bad(*EVIDENCE, "/dev/zero", said="is a device"),
    "evidence that is a link to /etc/hostname": bad(*EVIDENCE, "{link_hostname}",
                                                    said="symbolic link"),
    "evidence that is a dangling link": bad(*EVIDENCE, "{dangling}", said="symbolic link"),
    "evidence that is a folder": bad(*EVIDENCE, "{folder}", said="is a folder"),
    "evidence of 5 GB (sparse)": bad(*EVIDENCE, "{sparse_pdf}", said="the limit is"),
    "evidence that is text named .pdf": bad(*EVIDENCE, "{text_pdf}", said="judged by its"),
    "evidence that is an executable": bad(*EVIDENCE, "{exe_pdf}", said="judged by its"),
    "evidence that is a ZIP bomb": bad(*EVIDENCE, "{bomb_docx}", said="times its size"),
    "evidence ZIP of 1,001 members": bad(*EVIDENCE, "{many_docx}", said="holds 1001 files"),
    "evidence that is a plain ZIP": bad(*EVIDENCE, "{plain_zip}", said="judged by its"),
    "evidence that is a broken ZIP": bad(*EVIDENCE, "{broken_zip}", said="judged by its"),
    "evidence link with a password": bad(*EVIDENCE, "https://svc:S3cret@intranett.example/dpia",
                                         said="user name or password"),
    "evidence link with a user name": bad(*EVIDENCE, "https://svc@intranett.example/dpia",
                                          said="user name or password"),
    # templates
    "template that is a ZIP bomb": bad(*CHECK, said="unpacks to", TEMPLATES_DIR="{templates_bomb}"),
    "template of 1,001 members": bad(*CHECK, said="holds 1001 files",
                                     TEMPLATES_DIR="{templates_many}"),
    "template that is no ZIP": bad(*CHECK, said="not a readable", TEMPLATES_DIR="{templates_text}"),
    "template that is a named pipe": bad(*CHECK, said="named pipe",
                                         TEMPLATES_DIR="{templates_fifo}"),
    "template that is a symbolic link": bad(*CHECK, said="symbolic link",
                                            TEMPLATES_DIR="{templates_link}"),
    "templates folder that is a file": bad(*CHECK, said="not found",
                                           TEMPLATES_DIR="{text_pdf}"),
    # credentials and hosts in the settings
    "NHN URL with a password": bad("status", OSLO, said="NHN_URL holds a user name",
                                   NHN_URL="http://svc:Pw0rd@nhn.example/orders"),
    "register URL with a password": bad("status", OSLO, said="BRREG_URL holds",
                                        BRREG_URL="https://u:p@data.brreg.no/api"),
    "Posten URL with a password": bad("status", OSLO, said="POSTEN_URL holds",
                                      POSTEN_URL="https://u:p@api.signering.posten.no/api"),
    "portal URL with a password": bad("status", OSLO, said="PORTAL_URL holds",
                                      PORTAL_URL="https://admin:pw@portal.example.no"),
    "portal URL with a user name": bad("status", OSLO, said="PORTAL_URL holds",
                                       PORTAL_URL="https://admin@portal.example.no"),
    "SMTP host with a space": bad("status", OSLO, said="not a host name",
                                  SMTP_HOST="mail example.no"),
    "SMTP host with a password": bad("status", OSLO, said="not a host name",
                                     SMTP_HOST="u:p@mail.example.no"),
    "SMTP host as a URL": bad("status", OSLO, said="not a host name",
                              SMTP_HOST="smtp://mail.example.no"),
    "SMTP host with a port": bad("status", OSLO, said="not a host name",
                                 SMTP_HOST="mail.example.no:25"),
    "data folder that is a file": bad("status", OSLO, said="not a folder",
                                      DATA_DIR="{text_pdf}"),
    "data folder inside a file": bad("status", OSLO, said="not a folder",
                                     DATA_DIR="{text_pdf}/var"),
    # days: given empty, outside the calendar, or ending agreements without --force
    "follow-up --today empty": bad("follow-up", "--today", "", said="--today is empty"),
    "report --today empty": bad("report", "--today", "", said="--today is empty"),
    "onboard --today empty": bad(*ONBOARD, "{csv_ok}", "--today", "", said="is empty"),
    "checklist --today of spaces": bad("checklist", "show", OSLO, "--today", "  ",
                                       said="is empty"),
    "go-live --date empty": bad("golive", OSLO, "--date", "", said="--date is empty"),
    "follow-up in year 9999 by force": bad("follow-up", "--today", "9999-12-31", "--force",
                                           said="outside the calendar"),
    "report in year 9999 by force": bad("report", "--today", "9999-12-31", "--force",
                                        said="outside the calendar"),
    "onboard in year 9999 by force": bad(*ONBOARD, "{csv_ok}", "--today", "9999-12-20",
                                         "--force", said="outside the calendar"),
    "follow-up in 1899 by force": bad("follow-up", "--today", "1899-12-31", "--force",
                                      said="outside the calendar"),
    "checklist in year 9999": bad("checklist", "show", OSLO, "--today", "9999-12-31",
                                  said="outside the calendar"),
    "go live in year 9999": bad("golive", OSLO, "--date", "9999-12-31",
                                said="outside the calendar"),
    "follow-up on a day that lapses #1": bad("follow-up", "--today", LAPSE_DAY,
                                             said="would lapse 1"),
    # ids beyond what the database holds
    "show agreement 2^63": bad("agreement", "show", "9223372036854775808",
                               said="out of range", code=2),
    "send agreement 2^31": bad("agreement", "send", "2147483648", said="out of range", code=2),
    "sign agreement 10^20": bad("agreement", "sign", "1" + "0" * 20, "--signer", "o@o.no",
                                "--file", "{pdf}", said="out of range", code=2),
    "withdraw agreement 2^70": bad("agreement", "withdraw", HUGE, "--reason", "x",
                                   said="out of range", code=2),
    "decline agreement 2^70": bad("agreement", "decline", HUGE, "--signer", "o@o.no",
                                  "--reason", "x", said="out of range", code=2),
    "retry message 2^70": bad("outbox", "retry", HUGE, said="out of range", code=2),
    "retry message -1": bad("outbox", "retry", "--", "-1", said="greater than 0"),
    "retry message 2^31 among others": bad("outbox", "retry", "1", "2147483648",
                                           said="out of range", code=2),
    "portal on port 70000": bad("portal", "--port", "70000", said="--port", code=2),
    "serve on port 2^70": bad("serve", "--port", HUGE, said="--port", code=2),
}
