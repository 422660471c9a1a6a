#!/usr/bin/env bash
# The hunt "AV Detections with Source" with jq, the way people do it by hand: pass 1 keeps the
# detections from DeviceEvents, pass 2 streams DeviceFileEvents and joins on a map by MD5.
# usage: bench/jq_hunt.sh DeviceEvents.ndjson DeviceFileEvents.ndjson > rows.ndjson
# Exit codes follow huntq: 0 rows printed, 1 no rows, 2 error.
set -euo pipefail
if [[ $# -ne 2 ]]; then
  echo "usage: $0 DeviceEvents.ndjson DeviceFileEvents.ndjson" >&2
  exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Pass 1: detections. ThreatName = tostring(parse_json(AdditionalFields).ThreatName): text that is
# not JSON gives "", an object is taken as is. The Timestamp becomes a sort key that orders like
# the instant: UTC "YYYY-MM-DDTHH:MM:SS.fffffff" (a number would lose the 100 ns digits).
jq -c '
  def nz: if . == null then "" else . end;
  def tostr: if . == null then "" elif type == "string" then . else tojson end;
  def threat:
    (if type == "string" then [try fromjson catch null][0] else . end)
    | if type == "object" then .ThreatName | tostr else "" end;
  def ts_key:
    if type != "string" then null else
      ([capture("^(?<dt>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2})(\\.(?<f>[0-9]+))?(?<z>Z|[+-][0-9]{2}:[0-9]{2})?$")][0]) as $c
      | if $c == null then null else
          (($c.dt | strptime("%Y-%m-%dT%H:%M:%S") | mktime)
           - (if ($c.z // "Z") == "Z" then 0
              else ($c.z[0:1] + "1" | tonumber) * (($c.z[1:3] | tonumber) * 3600 + ($c.z[4:6] | tonumber) * 60)
              end)) as $s
          | ($s | todate | .[0:19]) + "." + ((($c.f // "") + "0000000")[0:7])
        end
    end;
  select(.ActionType == "AntivirusDetection" and (.MD5 | nz) != "")
  | {k: (.Timestamp | ts_key), DeviceName: (.DeviceName | nz), ThreatName: (.AdditionalFields | threat),
     FileName: (.FileName | nz), FolderPath: (.FolderPath | nz), MD5}
' "$1" > "$tmp/det.ndjson" || exit 2

# Pass 2: stream DeviceFileEvents, inner join (every pair), then sort by Timestamp desc, nulls last.
jq -n -c --slurpfile det "$tmp/det.ndjson" '
  def nz: if . == null then "" else . end;
  (reduce $det[] as $d ({}; .[$d.MD5] += [$d])) as $m
  | [ inputs
      | select(((.FileOriginReferrerUrl | nz) != "" or (.FileOriginUrl | nz) != "") and (.MD5 | nz) != "")
      | . as $f
      | ($m[$f.MD5] // [])[]
      | {k, Timestamp: (if .k == null then null else .k + "Z" end), DeviceName, ThreatName, FileName,
         FolderPath, MD5, FileOriginUrl: ($f.FileOriginUrl | nz),
         FileOriginReferrerUrl: ($f.FileOriginReferrerUrl | nz),
         InitiatingProcessFileName: ($f.InitiatingProcessFileName | nz),
         InitiatingProcessParentFileName: ($f.InitiatingProcessParentFileName | nz)} ]
  | sort_by(.k) | reverse | .[] | del(.k)
' "$2" > "$tmp/out.ndjson" || exit 2
cat "$tmp/out.ndjson"
[[ -s "$tmp/out.ndjson" ]] || exit 1
