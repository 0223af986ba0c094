#!/usr/bin/env bash
# Writes the standard-writer goldens: the files of ../v1.0-design-example.zip packed again by five
# common ZIP writers, each with its own habits (external attributes, host, directory entries, data
# descriptors, extra fields). The outputs are committed and read by writers.spec.ts forever; tests
# never run these tools. Never regenerate a committed golden: add a new one instead.
#
#   libs/package-format/test/golden/writers/make_writer_goldens.sh
#
# Needs python3, Info-ZIP zip 3.0, a JDK (jar) and Go. Output written in this directory.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tree"
(cd "$work/tree" && unzip -q "$here/../v1.0-design-example.zip")

# Python zipfile.writestr: entries from bytes; ZipInfo gets mode 0600 and no file type (the case
# this reader once refused), host Unix.
python3 - "$work/tree" "$here/python-writestr.zip" <<'PY'
import os, sys, zipfile
root, out = sys.argv[1], sys.argv[2]
names = ['manifest.json'] + sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs if f != 'manifest.json')
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for name in names:
        with open(os.path.join(root, name), 'rb') as f:
            z.writestr(name, f.read())
PY

# Python zipfile.write: entries from files on disk (their real mode, regular file type).
python3 - "$work/tree" "$here/python-write.zip" <<'PY'
import os, sys, zipfile
root, out = sys.argv[1], sys.argv[2]
names = ['manifest.json'] + sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs if f != 'manifest.json')
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for name in names:
        z.write(os.path.join(root, name), name)
PY

# Info-ZIP: recursive, with directory entries (data/, files/, files/<id>/), extra time fields.
rm -f "$here/infozip-directories.zip"
(cd "$work/tree" && zip -q -r "$here/infozip-directories.zip" manifest.json data files)

# The JDK's jar: no MANIFEST.MF (-M), directory entries, data descriptors, FAT host.
rm -f "$here/jdk-jar.zip"
(cd "$work/tree" && jar --create --no-manifest --file "$here/jdk-jar.zip" manifest.json data files)

# Go's archive/zip: Create() per file (data descriptors, no modes), names flagged UTF-8.
mkdir -p "$work/go"
cat > "$work/go/main.go" <<'GO'
package main

import (
	"archive/zip"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

func main() {
	root, out := os.Args[1], os.Args[2]
	names := []string{}
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(root, path)
			if rel != "manifest.json" {
				names = append(names, filepath.ToSlash(rel))
			}
		}
		return err
	})
	sort.Strings(names)
	names = append([]string{"manifest.json"}, names...)
	f, err := os.Create(out)
	if err != nil {
		panic(err)
	}
	w := zip.NewWriter(f)
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			panic(err)
		}
		entry, err := w.Create(name)
		if err != nil {
			panic(err)
		}
		entry.Write(data)
	}
	if err := w.Close(); err != nil {
		panic(err)
	}
	f.Close()
}
GO
(cd "$work/go" && GOFLAGS=-mod=mod go run main.go "$work/tree" "$here/go-archive-zip.zip")
ls -l "$here"/*.zip
