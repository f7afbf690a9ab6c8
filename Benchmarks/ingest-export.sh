# Sourced by the accuracy benchmarks (reading-accuracy.sh, client-mails.sh, photo-variants.sh).
# ingest_export CORPUS REGISTRY WORK: a data folder WORK/REGISTRY with the corpus registry REGISTRY.csv and its
# declarations, every mail of CORPUS/mails ingested by $BIN (output in WORK/REGISTRY.ingest), and the exercise's
# export in WORK/REGISTRY.json.
ingest_export() {
    local corpus=$1 name=$2 work=$3
    local data="$work/$name"
    "$BIN" coops import "$corpus/$name.csv" --data-dir "$data" >/dev/null
    # The declared figures (Retkoop) of the corpus cooperatives: the dossier verdicts are checked against them.
    "$BIN" declarations import "$corpus/declarations.csv" --data-dir "$data" >/dev/null
    "$BIN" ingest "$corpus/mails" --data-dir "$data" >"$work/$name.ingest" 2>&1 || true
    "$BIN" export --format json --exercise 2020-2021 --data-dir "$data" >"$work/$name.json"
}
