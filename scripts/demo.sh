#!/usr/bin/env bash
# The whole story, offline, on the embedded defaults: data in ./var/demo, e-mails as .eml files,
# every command in its own process (no Prefect server needed). Safe to run again: it starts
# from scratch.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
export AVTALEFLYT_DATA_DIR="$PWD/var/demo"
export AVTALEFLYT_OFFLINE=1 AVTALEFLYT_ACTOR=demo
export PREFECT_HOME="$PWD/var/prefect-home" PREFECT_SERVER_ANALYTICS_ENABLED=false
export PREFECT_LOGGING_LEVEL=WARNING
unset PREFECT_API_URL AVTALEFLYT_DATABASE_URL AVTALEFLYT_SMTP_HOST
rm -rf "$AVTALEFLYT_DATA_DIR"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
show() { printf '\033[2m$ %s\033[0m\n' "$*"; "$@"; }
workday() { python -c "import sys, datetime as d; from agreements.core.calendar import add_working_days as a; print(a(d.date.today(), int(sys.argv[1])))" "$1"; }
SIGNED="$AVTALEFLYT_DATA_DIR/signed-copies"

step "1. Database and reference data (357 kommuner, KS, the four RHF, NHN)"
show avtaleflyt init

step "2. The organisers' signatories and coordinators"
show avtaleflyt org contact add 971032146 --role signatory --name "Kim Leder" --email kim.leder@ks.example
show avtaleflyt org contact add 971032146 --role coordinator --name "Kari Koordinator" --email kari.koordinator@ks.example
show avtaleflyt org contact add 883658752 --role signatory --name "Nils Nordlys" --email nils.nordlys@helse-nord.example
show avtaleflyt org contact add 883658752 --role coordinator --name "Nora Nord" --email nora.nord@helse-nord.example

step "3. Bulk onboarding from CSV (line 8 is refused on purpose)"
show cat examples/onboarding-sample.csv
show avtaleflyt onboard --csv examples/onboarding-sample.csv --offline || true

step "4. Generated agreements and the e-mails in the outbox"
show avtaleflyt agreement list
show avtaleflyt outbox list
ls "$AVTALEFLYT_DATA_DIR/documents/agreements"

step "5. Signatures come back: Oslo kommune signs, then KS countersigns"
mkdir -p "$SIGNED"
for who in oslo ks ravna nord; do printf '%%PDF-1.4\n%% signert kopi (%s)\n%%%%EOF\n' "$who" > "$SIGNED/$who.pdf"; done
OSLO_ID=$(avtaleflyt status 958935420 --format json | python -c "import json,sys; print(json.load(sys.stdin)['participations'][0]['agreement']['id'])")
RAVNA_ID=$(avtaleflyt status 123456785 --format json | python -c "import json,sys; print(json.load(sys.stdin)['participations'][0]['agreement']['id'])")
show avtaleflyt agreement sign "$OSLO_ID" --signer kim.leder@ks.example --file "$SIGNED/ks.pdf" || true
show avtaleflyt agreement sign "$OSLO_ID" --signer ola.ordforer@oslo.example --file "$SIGNED/oslo.pdf"
show avtaleflyt agreement sign "$OSLO_ID" --signer kim.leder@ks.example --file "$SIGNED/ks.pdf"
show avtaleflyt agreement sign "$RAVNA_ID" --signer ravna@spesialist.example --file "$SIGNED/ravna.pdf"
show avtaleflyt agreement sign "$RAVNA_ID" --signer nils.nordlys@helse-nord.example --file "$SIGNED/nord.pdf"

step "6. NHN ordering: refused for a kilde without a signed agreement, then placed"
show avtaleflyt nhn order 964338531 || true
show avtaleflyt nhn order 958935420
show avtaleflyt org update 958935420 --her-id 12345 --epj-system "Gerica" --epj-vendor "Tieto"
show avtaleflyt nhn confirm 912345602 --reference NHN-2026-0101
show avtaleflyt nhn confirm 958935420 --reference NHN-2026-0102

step "7. Follow-up on later dates: reminders, then an escalation (Bergen has not signed)"
show avtaleflyt follow-up --today "$(workday 5)" --dry-run
show avtaleflyt follow-up --today "$(workday 5)"
show avtaleflyt follow-up --today "$(workday 20)"

step "8. Oslo kommune goes live: refused while gates are open, then live"
show avtaleflyt checklist show 958935420 --today "$(workday 20)"
show avtaleflyt golive 958935420 || true
show avtaleflyt nhn terms 958935420 --link-received
show avtaleflyt nhn terms 958935420 --signed
printf 'Risikovurdering, DPIA og rutiner for Oslo kommune\n' > "$AVTALEFLYT_DATA_DIR/bevis.txt"
for item in $(avtaleflyt checklist show 958935420 --format json | python -c "import json,sys; print(' '.join(i['item'] for i in json.load(sys.stdin) if i['status']=='open' and i['mandatory']=='yes'))"); do
  avtaleflyt checklist done 958935420 "$item" --evidence "$AVTALEFLYT_DATA_DIR/bevis.txt" --by "Siri Solberg"
done
show avtaleflyt checklist waive 958935420 helseteknologiordningen --reason "Søker ikke i år"
show avtaleflyt golive 958935420
show avtaleflyt audit verify

step "9. The rollout report"
show avtaleflyt report --today "$(workday 20)"

step "Where things are"
cat <<TXT
  documents (agreements, certificates, NHN orders, reminders): $AVTALEFLYT_DATA_DIR/documents/
  e-mails (.eml, open them in any mail program):                $AVTALEFLYT_DATA_DIR/outbox/
  rollout report (CSV and markdown):                            $AVTALEFLYT_DATA_DIR/reports/
  database (SQLite):                                            $AVTALEFLYT_DATA_DIR/avtaleflyt.db

  Look around:   AVTALEFLYT_DATA_DIR=var/demo .venv/bin/avtaleflyt status 958935420
  Prefect UI:    AVTALEFLYT_DATA_DIR=var/demo .venv/bin/avtaleflyt serve
                 then open http://127.0.0.1:4200 (runs, deployments, artifacts; the
                 follow-up is scheduled every working day at 07:00 Europe/Oslo)
TXT
