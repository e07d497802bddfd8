#!/usr/bin/env bash
# The Debian package (packaging/CMakeLists.txt), made by CPack from this
# build as scripts/package does from a Release one: named
# news-search_VERSION_ARCH.deb, depending on what dpkg-shlibdeps found,
# holding both tools, both man pages (gzipped), the bash and zsh
# completion and the copyright file, with no lintian error; unpacked into a
# scratch folder, its tools index corpus/ and answer a query.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$E2E_LIB"
e2e_setup
[ -n "${BUILD_DIR:-}" ] && [ -n "${PROJECT_VERSION:-}" ] || { echo "e2e: BUILD_DIR and PROJECT_VERSION must be set" >&2; exit 2; }
for tool in cpack dpkg-deb dpkg-shlibdeps lintian; do
    command -v "$tool" >/dev/null || fail "no $tool (scripts/install-deps installs dpkg-dev and lintian)"
done

note "cpack from the build folder"
# gzip rather than xz: the same package, made in a fraction of the time.
run_capture cpack --config "$BUILD_DIR/CPackConfig.cmake" -B "$SCRATCH/out" -D CPACK_DEBIAN_COMPRESSION_TYPE=gzip
assert_status 0 "cpack"
arch=$(dpkg --print-architecture)
deb=$SCRATCH/out/news-search_${PROJECT_VERSION}_$arch.deb
[ -f "$deb" ] || fail "no $(basename "$deb"); cpack made: $(find "$SCRATCH/out" -maxdepth 1 -name '*.deb' -printf '%f ')"

note "the control fields"
assert_eq news-search "$(dpkg-deb -f "$deb" Package)" "Package"
assert_eq "$PROJECT_VERSION" "$(dpkg-deb -f "$deb" Version)" "Version"
assert_eq "$arch" "$(dpkg-deb -f "$deb" Architecture)" "Architecture"
# dpkg-shlibdeps: at least the C library, with a version.
assert_match "$(dpkg-deb -f "$deb" Depends)" '(^|, )libc6 \(>= [0-9.]+\)' "Depends computed by dpkg-shlibdeps"

note "the files"
files=$(dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's|^\./|/|')
for path in /usr/bin/news-index /usr/bin/news-query \
    /usr/share/man/man1/news-index.1.gz /usr/share/man/man1/news-query.1.gz \
    /usr/share/bash-completion/completions/news-index /usr/share/bash-completion/completions/news-query \
    /usr/share/zsh/vendor-completions/_news-search \
    /usr/share/doc/news-search/copyright /usr/share/doc/news-search/changelog.gz \
    /usr/share/doc/news-search/README.md /usr/share/doc/news-search/output.schema.json; do
    assert_match "$files" "^${path//./\\.}\$" "the package's file list"
done
assert_no_match "$files" '^/usr/(local|lib/debug)/' "the package's file list"
dpkg-deb -c "$deb" | awk '{ print $2 }' | sort -u | grep -vx 'root/root' &&
    fail "files not owned by root/root"

note "lintian"
lintian_out=$(lintian "$deb" 2>&1 || true)
assert_no_match "$lintian_out" '^E: ' "lintian errors"

note "the unpacked tools index corpus/ and answer"
dpkg-deb -x "$deb" "$SCRATCH/root"
packaged=$SCRATCH/root/usr/bin
run_capture "$packaged/news-index" --version
assert_status 0 "the packaged news-index --version"
assert_match "$OUT" "^news-index ${PROJECT_VERSION//./\\.}( |\$)" "the packaged news-index --version"
run_capture "$packaged/news-index" -q --db "$SCRATCH/news.db" "$CORPUS_DIR"
assert_status 0 "the packaged news-index on corpus/"
run_capture "$packaged/news-query" --db "$SCRATCH/news.db" --json -n 3 '"global coalition"'
assert_status 0 "the packaged news-query"
assert_contains "$OUT" "$CORPUS_DIR/seeds/000_5654225a0b112ed2.txt" "the packaged news-query's best hit"
gzip -dc "$SCRATCH/root/usr/share/man/man1/news-query.1.gz" | grep -q '^\.TH NEWS-QUERY 1' ||
    fail "the packaged news-query.1.gz is not a man page"
note "ok"
