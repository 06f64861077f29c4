#!/usr/bin/env bash
# Refresh the zh_CN catalogue from the source texts, then compile it for Qt.
# lupdate keeps every translation already written and adds new texts as "unfinished"; fill
# those in kvviz/i18n/kvviz_zh_CN.ts (remove type="unfinished" once translated) and run this again.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(dirname "$(command -v python)")"
[ -x .venv/bin/pyside6-lupdate ] && bin=.venv/bin
# lupdate finds no Python when scanning a folder, so it is given every file
mapfile -t sources < <(find kvviz -name "*.py" | sort)
"$bin/pyside6-lupdate" "${sources[@]}" -no-obsolete -locations none -ts kvviz/i18n/kvviz_zh_CN.ts
"$bin/pyside6-lrelease" kvviz/i18n/kvviz_zh_CN.ts -qm kvviz/i18n/kvviz_zh_CN.qm
