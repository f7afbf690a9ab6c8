# Sourced by the benchmarks that run the built binaries (signatures.sh, quitus-other.sh), from the package root.
# BUILD=release (default) or debug; builds coopmail and coopmail-ocr first unless SKIP_BUILD=1; sets BIN, their folder.
# With SKIP_BUILD, the folder is named without asking SwiftPM (which waits for the build lock a running test holds).
BUILD=${BUILD:-release}
if [ -n "${SKIP_BUILD:-}" ]; then
  BIN=.build/$BUILD
else
  swift build -c "$BUILD" --product coopmail >/dev/null
  swift build -c "$BUILD" --product coopmail-ocr >/dev/null
  BIN=$(swift build -c "$BUILD" --show-bin-path)
fi
