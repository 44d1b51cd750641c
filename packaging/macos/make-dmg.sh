#!/usr/bin/env bash
# Make Crane Desktop's .dmg from the .app bundle PyInstaller built (packaging/crane-desktop.spec makes
# "dist/Crane Desktop.app" on macOS). Called by packaging/build.py; by hand:
#   bash packaging/macos/make-dmg.sh "dist/Crane Desktop.app" dist/CraneDesktop-0.1.0-arm64.dmg
# The app holds the build machine's architecture only (arm64 on CI's macos-14: Apple silicon, no Intel
# Macs), which the file name says; macOS 13 or newer (Info.plist).
# The image holds the app and a link to /Applications to drag it onto. Not signed or notarised: on
# another Mac, Gatekeeper asks the user to open it with right-click > Open the first time.
set -euo pipefail
app="${1:?usage: make-dmg.sh APP OUT.dmg}"
out="${2:?usage: make-dmg.sh APP OUT.dmg}"
[ -d "$app/Contents/MacOS" ] || { echo "make-dmg: $app is not an .app bundle" >&2; exit 1; }

plutil -lint "$app/Contents/Info.plist"
exe="$(/usr/libexec/PlistBuddy -c 'Print :CFBundleExecutable' "$app/Contents/Info.plist")"
[ -x "$app/Contents/MacOS/$exe" ] || { echo "make-dmg: $app has no executable $exe" >&2; exit 1; }
# PyInstaller signs the bundle ad hoc (needed to run on Apple silicon); report, do not fail, if not.
codesign --verify --deep --strict "$app" || echo "make-dmg: warning: $app's signature does not verify" >&2

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
ditto "$app" "$stage/$(basename "$app")"   # ditto keeps symlinks, extended attributes and signatures
ln -s /Applications "$stage/Applications"
rm -f "$out"
hdiutil create -volname "Crane Desktop" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$out"
hdiutil verify "$out"
echo "make-dmg: $out"
