#!/usr/bin/env bash
# Loads the fictional demo patients into a FHIR R4 server, e.g. the docker-compose HAPI server:
#
#   deploy/load-demo-patients.sh http://localhost:8090/fhir                   # dated by the service on :8080
#   deploy/load-demo-patients.sh http://localhost:8090/fhir http://host:8080  # dated by another service
#   deploy/load-demo-patients.sh http://localhost:8090/fhir none              # the files as they are
#
# Each patient is one FHIR transaction Bundle with PUT entries (client-assigned ids), so loading twice changes
# nothing. The Bundles are fetched from the running service (GET <service>/demo/patients/<id>), which moves their
# dates so that the vignettes' "today" (2026-11-23) is the service's today; with "none" they are posted from
# src/main/resources/demo/bundles unchanged. Only curl is needed.
set -euo pipefail

fhir_base=${1:?usage: $0 FHIR_BASE_URL [SERVICE_URL|none]}
fhir_base=${fhir_base%/}
service=${2:-http://localhost:8080}
service=${service%/}
bundles="$(cd "$(dirname "$0")/.." && pwd)/src/main/resources/demo/bundles"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [[ "$service" != none ]] && ! curl -fsS -o /dev/null --max-time 10 "$service/demo/patients"; then
    echo "The service at $service does not answer GET /demo/patients: start it, give its URL as the second" >&2
    echo "argument, or pass 'none' to load the Bundles with their original dates (today = 2026-11-23)." >&2
    exit 1
fi

loaded=0
for file in "$bundles"/*.json; do
    id=$(basename "$file" .json)
    body=$file
    if [[ "$service" != none ]]; then
        body="$work/$id.json"
        curl -fsS --max-time 10 -o "$body" "$service/demo/patients/$id"
    fi
    status=$(curl -sS --max-time 60 -o "$work/response" -w '%{http_code}' -X POST "$fhir_base" \
        -H 'Content-Type: application/fhir+json' -H 'Accept: application/fhir+json' --data-binary "@$body") ||
        { echo "$id: the FHIR server at $fhir_base cannot be reached" >&2; exit 1; }
    if [[ "$status" != 2?? ]]; then
        echo "$id: the FHIR server answered $status:" >&2
        head -c 2000 "$work/response" >&2
        echo >&2
        exit 1
    fi
    echo "$id: loaded"
    loaded=$((loaded + 1))
done
echo "$loaded demo patients loaded into $fhir_base"
