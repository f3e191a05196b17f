#!/usr/bin/env bash
# The whole story, offline, on the embedded defaults: data in ./var/demo, e-mails as .eml files,
# every command in its own process (no Prefect server needed). Safe to run again: it starts
# from scratch. One calendar: everything up to step 8 happens today (working day 0); the
# follow-up runs on working days 5 and 20, and Oslo goes live and the report is made on
# working day 21.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
export AVTALEFLYT_DATA_DIR="$PWD/var/demo"
export AVTALEFLYT_OFFLINE=1 AVTALEFLYT_ACTOR=demo
export AVTALEFLYT_NHN_EMAIL=bestilling@nhn.example  # no NHN address is built in
export PREFECT_HOME="$PWD/var/prefect-home" PREFECT_SERVER_ANALYTICS_ENABLED=false
export PREFECT_LOGGING_LEVEL=WARNING
unset PREFECT_API_URL AVTALEFLYT_DATABASE_URL AVTALEFLYT_SMTP_HOST
rm -rf "$AVTALEFLYT_DATA_DIR"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
show() { printf '\033[2m$ %s\033[0m\n' "$*"; "$@"; }
workday() { python -c "import sys, datetime as d; from agreements.core.calendar import add_working_days as a; print(a(d.date.today(), int(sys.argv[1])))" "$1"; }
kommune() { python -c "import sys; from agreements import reference as r; print(next(o for o, k in r.kommuner().items() if k.navn == sys.argv[1]))" "$1"; }
day_from() { python -c "import sys, datetime as d; from agreements.core.calendar import is_working_day as w; x = d.date.fromisoformat(sys.argv[1]) + d.timedelta(days=int(sys.argv[2]))
while not w(x): x += d.timedelta(days=1)
print(x)" "$1" "$2"; }  # the first working day at or after DATE + N days
agreement_of() { avtaleflyt status "$1" --format json | python -c "import json,sys; print(json.load(sys.stdin)['participations'][0]['agreement']['id'])"; }
annex_of() { avtaleflyt status "$1" --format json | python -c "import json,sys; print(json.load(sys.stdin)['participations'][0]['annex']['id'])"; }
SIGNED="$AVTALEFLYT_DATA_DIR/signed-copies"

# A Posten signering on this machine (the tests' loopback service: HTTPS with a client
# certificate, a made-up CA). Its CA is also the one whose PDF signatures the demo accepts.
POSTEN="$AVTALEFLYT_DATA_DIR/posten"
mkdir -p "$POSTEN"
python scripts/posten_demo.py serve "$POSTEN" >"$POSTEN/service.log" 2>&1 &
POSTEN_PID=$!
trap 'kill "$POSTEN_PID" 2>/dev/null || true' EXIT
for _ in $(seq 300); do [ -f "$POSTEN/env" ] && break; sleep 0.1; done
[ -f "$POSTEN/env" ] || { cat "$POSTEN/service.log"; exit 1; }
export AVTALEFLYT_SIGNING_TRUST_ROOTS="$POSTEN/ca.pem"
posten() { (set -a; . "$POSTEN/env"; "$@"); }  # run one command with AVTALEFLYT_SIGNING=posten
esigner() { python scripts/posten_demo.py "$@"; }

step "1. Database and reference data (357 kommuner, KS, the four RHF, NHN)"
show avtaleflyt init

step "2. The organisers' signatories and coordinators"
show avtaleflyt org contact add 971032146 --role signatory --name "Kim Leder" --email kim.leder@ks.example
show avtaleflyt org contact add 971032146 --role coordinator --name "Kari Koordinator" --email kari.koordinator@ks.example
show avtaleflyt org contact add 883658752 --role signatory --name "Nils Nordlys" --email nils.nordlys@helse-nord.example
show avtaleflyt org contact add 883658752 --role coordinator --name "Nora Nord" --email nora.nord@helse-nord.example

step "3. The shipped templates still hold the lawyers' open brackets: templates check lists them"
show avtaleflyt templates check || true
echo "This demo sends them anyway, as drafts: every page and e-mail says «UTKAST – ikke til signering»"
export AVTALEFLYT_ALLOW_DRAFT_TEMPLATES=1

step "3b. Bulk onboarding from CSV (line 8 is refused on purpose)"
show cat examples/onboarding-sample.csv
show avtaleflyt onboard --csv examples/onboarding-sample.csv --offline || true

step "3c. Psykiater Ravna's organiser is only proposed from the address: Helse Nord RHF confirms it, then the agreement goes out"
show avtaleflyt org list
show avtaleflyt org route 123456785 --confirm
show avtaleflyt agreement send "$(agreement_of 123456785)"

step "4. Generated agreements and the e-mails in the outbox"
show avtaleflyt agreement list
show avtaleflyt outbox list
ls "$AVTALEFLYT_DATA_DIR/documents/agreements"

step "5. Signed copies come back by e-mail today: each is verified before it is recorded"
mkdir -p "$SIGNED"
OSLO_ID=$(agreement_of 958935420)
RAVNA_ID=$(agreement_of 123456785)
esigner sign-copy "$POSTEN" "$OSLO_ID" "$SIGNED/oslo.pdf"  # Ola signs the PDF he was sent
avtaleflyt agreement show "$OSLO_ID" --format json | python -c "import json,sys,shutil; d=json.load(sys.stdin)['documents']; shutil.copy(sys.argv[1] + '/' + (d['pdf'] or d['docx'])['path'], sys.argv[2])" "$AVTALEFLYT_DATA_DIR" "$SIGNED/unsigned.pdf"  # the PDF as sent, nobody's signature
show avtaleflyt agreement sign "$OSLO_ID" --signer kim.leder@ks.example --file "$SIGNED/oslo.pdf" || true
show avtaleflyt agreement sign "$OSLO_ID" --signer ola.ordforer@oslo.example --file "$SIGNED/unsigned.pdf" || true
show avtaleflyt agreement sign "$OSLO_ID" --signer ola.ordforer@oslo.example --file "$SIGNED/oslo.pdf"
show avtaleflyt agreement sign "$OSLO_ID" --signer kim.leder@ks.example --file "$SIGNED/oslo.pdf" || true
esigner sign-copy "$POSTEN" "$OSLO_ID" "$SIGNED/ks.pdf"  # Kim signs the copy Ola signed
show avtaleflyt agreement sign "$OSLO_ID" --signer kim.leder@ks.example --file "$SIGNED/ks.pdf"
esigner sign-copy "$POSTEN" "$RAVNA_ID" "$SIGNED/ravna.pdf"  # stands in for a scan of paper
show avtaleflyt agreement sign "$RAVNA_ID" --signer ravna@spesialist.example --file "$SIGNED/ravna.pdf" \
  --unverified --reason "Signert for hånd; skannet kopi mottatt per post"
esigner sign-copy "$POSTEN" "$RAVNA_ID" "$SIGNED/nord.pdf"
show avtaleflyt agreement sign "$RAVNA_ID" --signer nils.nordlys@helse-nord.example --file "$SIGNED/nord.pdf"
show avtaleflyt agreement show "$OSLO_ID"

step "6. E-signing with BankID through Posten signering (here: the loopback service)"
if avtaleflyt agreement show "$OSLO_ID" --format json | python -c "import json,sys; sys.exit(0 if json.load(sys.stdin)['documents']['pdf'] else 1)"; then
  BODO=$(kommune Bodø) ALTA=$(kommune Alta)
  show avtaleflyt org add "$BODO" --role kilde --offline --signatory "Berit Bodø <berit@bodo.example>"
  show avtaleflyt org add "$ALTA" --role kilde --offline --signatory "Aslak Alta <aslak@alta.example>"
  avtaleflyt agreement create "$BODO" >/dev/null
  avtaleflyt agreement create "$ALTA" >/dev/null
  BODO_ID=$(agreement_of "$BODO") ALTA_ID=$(agreement_of "$ALTA")
  show posten avtaleflyt agreement send "$BODO_ID"
  show posten avtaleflyt agreement send "$ALTA_ID"
  show esigner sign "$POSTEN" "PJD-KOMMUNER-$BODO-1" berit@bodo.example
  show esigner sign "$POSTEN" "PJD-KOMMUNER-$BODO-1" kim.leder@ks.example
  show esigner reject "$POSTEN" "PJD-KOMMUNER-$ALTA-1" aslak@alta.example
  show posten avtaleflyt signing poll
  show avtaleflyt agreement show "$BODO_ID"
  show avtaleflyt agreement show "$ALTA_ID"
else
  echo "(skipped: e-signing needs the agreement as PDF, and LibreOffice is not installed)"
fi

step "7. NHN ordering, by each organisation's signatory or PJD lead in their own name: refused without a HER-id (it says how to add it), then placed and confirmed; Tromsø (kilde and konsument) places one order; Bergen's, placed outside avtaleflyt, is recorded"
show avtaleflyt nhn order 958935420 --by siri.solberg@oslo.example || true
show avtaleflyt org update 958935420 --her-id 12345 --epj-system "Gerica" --epj-vendor "Tieto"
show avtaleflyt nhn order 958935420 --by siri.solberg@oslo.example
show avtaleflyt org update 912345602 --her-id 23456
show avtaleflyt nhn order 912345602 --by kai@klinikk.example
show avtaleflyt nhn order 940101808 --by trine.nilsen@tromso.example --without-her-id
show avtaleflyt nhn outside 964338531 --reference NHN-2026-0103 --by bjorn.bakke@bergen.example
show avtaleflyt nhn confirm 912345602 --reference NHN-2026-0101
show avtaleflyt nhn confirm 958935420 --reference NHN-2026-0102

step "8. Oslo kommune gets ready: go-live is refused while gates are open; terms and checklist"
show avtaleflyt golive 958935420 || true
show avtaleflyt nhn terms 958935420 --link-received
show avtaleflyt nhn terms 958935420 --signed
# evidence is a document (PDF, DOCX, XLSX, PNG, JPEG by its content), one of its own for each
# item (one file for two is refused): PDFs made by LibreOffice in one run
EVIDENCE="$AVTALEFLYT_DATA_DIR/bevis"
mkdir -p "$EVIDENCE"
OPEN_ITEMS=$(avtaleflyt checklist show 958935420 --format json | python -c "import json,sys; print(' '.join(i['item'] for i in json.load(sys.stdin) if i['status']=='open' and i['mandatory']=='yes'))")
for item in $OPEN_ITEMS; do printf 'Oslo kommune: %s\n' "$item" > "$EVIDENCE/$item.txt"; done
soffice --headless "-env:UserInstallation=file://$AVTALEFLYT_DATA_DIR/.lo-profile" --convert-to pdf \
  --outdir "$EVIDENCE" "$EVIDENCE"/*.txt >/dev/null 2>&1
show avtaleflyt checklist done 958935420 forhandsvurdering_dokumenttyper --evidence "$EVIDENCE/forhandsvurdering_dokumenttyper.pdf" --by "Siri Solberg" \
  --document-type "Epikriser og utskrivningsnotater: Fra kommunale døgnenheter" --document-type "Legevaktnotater"
show avtaleflyt checklist done 958935420 dpia --evidence "$EVIDENCE/forhandsvurdering_dokumenttyper.pdf" --by "Siri Solberg" || true  # refused: another item's file
for item in $OPEN_ITEMS; do
  [ "$item" = forhandsvurdering_dokumenttyper ] || avtaleflyt checklist done 958935420 "$item" --evidence "$EVIDENCE/$item.pdf" --by "Siri Solberg"
done
show avtaleflyt checklist waive 958935420 helseteknologiordningen --reason "Søker ikke i år"
show avtaleflyt golive 958935420 || true  # refused: KS has not reviewed what the catalogue marks for review
for item in forhandsvurdering_dokumenttyper risikovurdering dpia; do  # KS's coordinator accepts
  show avtaleflyt checklist review 958935420 "$item" --accept
done
show avtaleflyt checklist show 958935420

step "8b. Vedlegg 1: the document types the forhåndsvurdering chose, signed like the agreement"
show avtaleflyt golive 958935420 || true  # refused: only the annex is open now
ANNEX_ID=$(annex_of 958935420)
esigner sign-copy "$POSTEN" "$ANNEX_ID" "$SIGNED/vedlegg-oslo.pdf"  # Ola signs the annex first
show avtaleflyt agreement sign "$ANNEX_ID" --signer ola.ordforer@oslo.example --file "$SIGNED/vedlegg-oslo.pdf"
esigner sign-copy "$POSTEN" "$ANNEX_ID" "$SIGNED/vedlegg-ks.pdf"  # then Kim countersigns
show avtaleflyt agreement sign "$ANNEX_ID" --signer kim.leder@ks.example --file "$SIGNED/vedlegg-ks.pdf"
show avtaleflyt agreement show "$ANNEX_ID"

step "9. The weeks after: follow-up on working day 5 and 20 (reminders, then escalations)"
show avtaleflyt follow-up --today "$(workday 5)" --dry-run
show avtaleflyt follow-up --today "$(workday 5)"
show avtaleflyt follow-up --today "$(workday 20)"

step "10. Oslo kommune goes live on working day 21"
show avtaleflyt golive 958935420 --date "$(workday 21)"
show avtaleflyt audit verify

step "11. The rollout report on working day 21: workbook, CSV, chart"
show avtaleflyt report --today "$(workday 21)"

step "12. The same report as a run in Prefect (a Prefect server on 127.0.0.1 for the run, stopped after)"
echo "The run keeps the report's files in the document store and links them to the portal."
RUN_ID=$(python scripts/demo_run.py "$(workday 21)" 2>"$AVTALEFLYT_DATA_DIR/prefect-run.log" | tail -n 1) \
  || { tail -n 20 "$AVTALEFLYT_DATA_DIR/prefect-run.log"; exit 1; }
echo "run $RUN_ID: rollout-report-$(workday 21), Completed"

step "13. The portal: sign-in links for Bergen kommune's PJD lead and KS's coordinator"
BERGEN_LINK=$(avtaleflyt portal link bjorn.bakke@bergen.example 2>/dev/null)
KS_LINK=$(avtaleflyt portal link kari.koordinator@ks.example 2>/dev/null)

step "14. Three years on, on simulated days: Oslo renews in time, Psykiater Ravna does not"
if avtaleflyt agreement show "$OSLO_ID" --format json | python -c "import json,sys; sys.exit(0 if json.load(sys.stdin)['documents']['pdf'] else 1)"; then
  OSLO_END=$(avtaleflyt agreement show "$OSLO_ID" --format json | python -c "import json,sys; print(json.load(sys.stdin)['expires_on'])")
  DRAFT_DAY=$(day_from "$OSLO_END" -85) SIGN_DAY=$(day_from "$OSLO_END" -60)
  END_DAY=$(day_from "$OSLO_END" 1)
  echo "Oslo's agreement is in force to $OSLO_END; the follow-up drafts the renewals and warns"
  show avtaleflyt follow-up --today "$DRAFT_DAY" --force
  RENEWAL_ID=$(avtaleflyt agreement list --status draft --format json | python -c "import json,sys; print(max(a['id'] for a in json.load(sys.stdin) if a['orgnr'] == '958935420'))")
  show avtaleflyt agreement send "$RENEWAL_ID" --today "$DRAFT_DAY" --force
  esigner sign-copy "$POSTEN" "$RENEWAL_ID" "$SIGNED/oslo-renewal.pdf"
  show avtaleflyt agreement sign "$RENEWAL_ID" --signer ola.ordforer@oslo.example --file "$SIGNED/oslo-renewal.pdf" --today "$SIGN_DAY" --force
  esigner sign-copy "$POSTEN" "$RENEWAL_ID" "$SIGNED/ks-renewal.pdf"
  show avtaleflyt agreement sign "$RENEWAL_ID" --signer kim.leder@ks.example --file "$SIGNED/ks-renewal.pdf" --today "$SIGN_DAY" --force
  echo "Signed $(( ( $(date -d "$OSLO_END" +%s) - $(date -d "$SIGN_DAY" +%s) ) / 86400 )) days early, the renewal starts the day after $OSLO_END: no day is lost"
  show avtaleflyt status 958935420
  echo "The first working day after the last day: Oslo's renewal takes over, Ravna's agreement expires"
  show avtaleflyt follow-up --today "$END_DAY" --force
  show avtaleflyt agreement list
  show avtaleflyt status 123456785
  show avtaleflyt audit verify
else
  echo "(skipped: signing the renewal needs the agreement as PDF, and LibreOffice is not installed)"
fi

step "Where things are"
cat <<TXT
  documents (agreements, signed copies, signeringsbekreftelser, NHN orders, reminders):
                                                                $AVTALEFLYT_DATA_DIR/documents/
  e-mails (.eml, open them in any mail program):                $AVTALEFLYT_DATA_DIR/outbox/
  rollout report (Excel, CSV, chart PNG/SVG, markdown):         $AVTALEFLYT_DATA_DIR/reports/
  database (SQLite):                                            $AVTALEFLYT_DATA_DIR/avtaleflyt.db

  Look around:   AVTALEFLYT_DATA_DIR=var/demo .venv/bin/avtaleflyt status 958935420
  Portal:        AVTALEFLYT_DATA_DIR=var/demo AVTALEFLYT_DEMO=1 .venv/bin/avtaleflyt portal
                 (\`avtaleflyt serve\` below starts it too), then open http://127.0.0.1:8000/
                 and sign in with a link (each works once, within 30 minutes;
                 \`avtaleflyt portal link EMAIL\` makes a new one):
    Bjørn Bakke, PJD lead of Bergen kommune:  $BERGEN_LINK
    Kari Koordinator, KS:                     $KS_LINK
                 (a link asked for on the sign-in page lands in $AVTALEFLYT_DATA_DIR/outbox/)
  Start the Prefect UI, the portal and every deployment (the follow-up is scheduled every
  working day at 07:00 Europe/Oslo):
                 PREFECT_HOME=var/prefect-home AVTALEFLYT_DATA_DIR=var/demo AVTALEFLYT_DEMO=1 \\
                   .venv/bin/avtaleflyt serve
TXT
printf '\n\033[1mPrefect UI:\033[0m      http://127.0.0.1:4200\n'
printf '\033[1mA run to open:\033[0m   http://127.0.0.1:4200/runs/flow-run/%s\n' "$RUN_ID"
echo "                 (the rollout report of working day 21: its chart, tables and the links"
echo "                 to its files in the portal, where Kari Koordinator downloads them)"
