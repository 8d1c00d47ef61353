#!/usr/bin/env bash
# Run tests as an ordinary, unprivileged user (with bubblewrap where it is installed): the
# "ordinary user" half of docs/security.md, which CI, running as root, would otherwise never see.
#
#   tests/grading/run_as_user.sh [pytest arguments]      (default: tests/grading/test_hostile.py)
#
# Started as root, it changes nothing on the host. In a private mount namespace (unshare -m), the
# folders above the Python and the checkout that the user may not enter (/root is 0700, and the
# Python lives in /root/.pyenv) are covered with an open tmpfs holding only the way through, bound
# back from the originals; then setpriv becomes $GRADEKIT_TEST_UID (default 65534, nobody) with no
# groups and no capabilities and runs pytest. Started as an ordinary user, it just runs pytest.
# GRADEKIT_TEST_UID=0 runs as root in the same namespace: where the Python is reachable by anyone,
# a root grader without bubblewrap drops its workers' uid, a case CI cannot reach otherwise.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
python="$repo/.venv/bin/python"
[ $# -gt 0 ] || set -- tests/grading/test_hostile.py
if [ "$(id -u)" != 0 ]; then
  exec "$python" -m pytest -q -p no:cacheprovider "$@"
fi

uid="${GRADEKIT_TEST_UID:-65534}"
scratch=$(mktemp -d /tmp/gradekit-as-user-XXXXXX)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/home" "$scratch/held"
chown "$uid:$uid" "$scratch/home"
chmod 0711 "$scratch"
needed=("$(readlink -f "$python")" "$("$python" -c 'import sys; print(sys.base_prefix)')" "$repo")

unshare --mount --propagation private /bin/bash -s -- "$uid" "$scratch" "$repo" "$python" "${needed[@]}" \
  -- "$@" <<'INSIDE'
set -euo pipefail
uid=$1 scratch=$2 repo=$3 python=$4
shift 4
needed=()
while [ "$1" != "--" ]; do needed+=("$1"); shift; done
shift

# Cover each folder on the way to a needed path that others (nobody) may not enter: an open tmpfs over it,
# holding only the next step of the way, bound back from the original (held under $scratch).
held=0
for path in "${needed[@]}"; do
  walked=""
  IFS=/ read -ra parts <<<"${path#/}"
  for part in "${parts[@]}"; do
    parent="${walked:-/}"
    walked="$walked/$part"
    [ -d "$walked" ] || break
    if ! setpriv --reuid=65534 --regid=65534 --clear-groups /usr/bin/test -x "$walked"; then
      held=$((held + 1))
      mkdir "$scratch/held/$held"
      mount --rbind "$walked" "$scratch/held/$held"
      mount -t tmpfs -o mode=0755 gradekit-way "$walked"
      # what the original held along the needed paths comes back, each entry bound from it
      for other in "${needed[@]}"; do
        case "$other/" in "$walked"/*)
          next="${other#"$walked"/}"; next="${next%%/*}"
          [ -n "$next" ] && [ ! -e "$walked/$next" ] || continue
          if [ -d "$scratch/held/$held/$next" ]; then mkdir "$walked/$next"; else touch "$walked/$next"; fi
          mount --rbind "$scratch/held/$held/$next" "$walked/$next" ;;
        esac
      done
    fi
  done
done

export HOME="$scratch/home" PYTHONDONTWRITEBYTECODE=1 HYPOTHESIS_STORAGE_DIRECTORY="$scratch/home/.hypothesis"
cd "$repo"
if [ "$uid" = 0 ]; then exec "$python" -m pytest -q -p no:cacheprovider "$@"; fi
exec setpriv --reuid="$uid" --regid="$uid" --clear-groups --inh-caps=-all --bounding-set=-all \
  -- "$python" -m pytest -q -p no:cacheprovider "$@"
INSIDE
