#!/bin/sh
# /usr/bin/crane-desktop: starts the frozen Crane Desktop bundle installed by the .deb.
exec /opt/crane-desktop/crane-desktop "$@"
