#!/bin/sh
# Install this Clerk bundle on a Linux tablet, so it shows in the launcher.
#
#   sudo ./install.sh          for every user: /opt/clerk, /usr/local/bin/clerk, /usr/local/share
#   ./install.sh --user        for this user:  ~/.local/lib/clerk, ~/.local/bin/clerk, ~/.local/share
#
# Installing again replaces the previous version; the tablet's data (its database and settings
# in the user's data folder) is not touched.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
if [ "${1:-}" = "--user" ]; then
    app="$HOME/.local/lib/clerk"
    bin="$HOME/.local/bin"
    share="${XDG_DATA_HOME:-$HOME/.local/share}"
else
    app=/opt/clerk
    bin=/usr/local/bin
    share=/usr/local/share
fi

# Copy to a fresh folder first, so a half-copied bundle never replaces a working one.
mkdir -p "$(dirname "$app")" "$bin"
rm -rf "$app.new"
cp -a "$here" "$app.new"
rm -rf "$app.old"
if [ -e "$app" ]; then mv "$app" "$app.old"; fi
mv "$app.new" "$app"
rm -rf "$app.old"
ln -sf "$app/clerk" "$bin/clerk"

mkdir -p "$share/applications" "$share/metainfo"
sed "s|^Exec=clerk|Exec=$app/clerk|" "$here/share/applications/clerk.desktop" \
    > "$share/applications/clerk.desktop"
cp "$here/share/metainfo/clerk.metainfo.xml" "$share/metainfo/"
cp -R "$here/share/icons" "$share/"

# Let the launcher notice the new entry and icon now rather than at the next login.
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$share/applications" || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
fi
echo "Clerk $("$app/clerk" --version | cut -d' ' -f2) is installed in $app; start it from the launcher or as 'clerk'."
echo "Check this tablet with: clerk --self-check"
