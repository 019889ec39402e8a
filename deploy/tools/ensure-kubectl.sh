#!/usr/bin/env bash
# kubectl with kustomize v5 (kubectl 1.27 or later), which test/deploy.int.spec.ts renders the
# manifests under deploy/k8s with. Keeps a recent kubectl that is already there; otherwise, as
# root, installs Debian's package (`kubectl` where a configured repository offers it, else
# `kubernetes-client`). Debian 12's kubernetes-client is kubectl 1.20 with kustomize v2, which
# cannot read these manifests (labels, patches with targets): then the official kubectl
# (KUBECTL_VERSION, default v1.32.4) comes from dl.k8s.io, checked against its published SHA-256,
# into /usr/local/bin, ahead of the old one on PATH. Without root it says what to do.
set -euo pipefail
version="${KUBECTL_VERSION:-v1.32.4}"

recent() {
  local major
  major=$(kubectl version --client -o json 2>/dev/null |
    sed -n 's/.*"kustomizeVersion": *"v\([0-9]*\).*/\1/p')
  [ -n "$major" ] && [ "$major" -ge 5 ]
}

if command -v kubectl >/dev/null 2>&1 && recent; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  for package in kubectl kubernetes-client; do
    if [ -n "$(apt-cache policy "$package" 2>/dev/null | sed -n 's/^ *Candidate: *//p' | grep -v '(none)')" ]; then
      echo "kubectl: installing Debian's package $package"
      apt-get install -y -qq "$package" >/dev/null
      break
    fi
  done
  if command -v kubectl >/dev/null 2>&1 && recent; then exit 0; fi
  arch=$(dpkg --print-architecture)
  url="https://dl.k8s.io/release/$version/bin/linux/$arch/kubectl"
  echo "kubectl: the packaged one is older than 1.27 (kustomize v5); fetching $url"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  curl -fsSL -o "$tmp/kubectl" "$url"
  echo "$(curl -fsSL "$url.sha256")  $tmp/kubectl" | sha256sum --check --quiet
  install -m 0755 "$tmp/kubectl" /usr/local/bin/kubectl
  hash -r
  if recent; then exit 0; fi
fi
echo "kubectl 1.27 or later (kustomize v5) is needed to render deploy/k8s: install it from" \
  "https://kubernetes.io/docs/tasks/tools/ (Debian 12's kubernetes-client 1.20 is too old)" >&2
exit 1
