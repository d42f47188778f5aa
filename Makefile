# Private Deploy: `make run` opens the wizard against a local sandbox account; `make test`
# runs every test. Both install what they need first (apt packages, npm packages, the moto
# venv, tauri-driver) and skip what is already there.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# Cargo's target dir lives outside the clone so CI and fresh clones reuse a warm cache.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/private-deploy/target
TARGET := $(CARGO_TARGET_DIR)
TAURI := ui/node_modules/.bin/tauri
# The Tauri CLI finds the app crate here (its tauri.conf.json, capabilities and build.rs).
export TAURI_APP_PATH := src-tauri/app
# The .deb and the .rpm carry the command line (`private-deploy`) beside the window
# (`private-deploy-app`).
linux_with_cli = --config '{"bundle":{"linux":{"deb":{"files":{"/usr/bin/private-deploy":"$(1)/private-deploy"}},"rpm":{"files":{"/usr/bin/private-deploy":"$(1)/private-deploy"}}}}}'
# The Linux bundles that build offline (an AppImage downloads its tools; CI builds it).
LINUX_BUNDLES := deb,rpm
APT_PACKAGES := libwebkit2gtk-4.1-dev build-essential curl wget file pkg-config libxdo-dev libssl-dev \
	libayatana-appindicator3-dev librsvg2-dev xvfb xauth webkit2gtk-driver dpkg-dev python3-venv dbus \
	rpm openssl
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help deps apt node-deps venv tauri-driver cargo-deny deny ui ui-check build run test test-rust test-ui lint \
	bindings bundle bundle-test bundle-release-test bench fuzz clean

help:
	@echo "make run     build and open the wizard against a local sandbox AWS account (moto)"
	@echo "make test    every test: lint, UI, engine, emulator, CLI, package, end-to-end GUI"
	@echo "make bundle  build the release .deb and .rpm"
	@echo "make bundle-release-test  build them and test their contents and installation (nightly)"
	@echo "make bench   start-up time and memory benchmark (see docs/BENCHMARKS.md)"

## Set-up ##################################################################################

deps: apt node-deps venv tauri-driver cargo-deny

apt:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@command -v cargo >/dev/null || { echo "Rust is missing: install it with rustup (https://rustup.rs), then run make again"; exit 1; }
	@node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' 2>/dev/null || \
	  { echo "Node.js 20 or newer is needed (node --version): install it, then run make again"; exit 1; }

node-deps: ui/node_modules/.package-lock.json
# `npm install`, not `npm ci`: the registry mirror these machines use carries only the Linux
# builds of @tauri-apps/cli, so the lock cannot list the other platforms' optional
# packages and `npm ci` refuses it. `npm install` still installs the locked versions.
ui/node_modules/.package-lock.json: ui/package.json ui/package-lock.json
	cd ui && npm install --no-audit --no-fund
	@touch $@

venv: .venv/.moto-installed
.venv/.moto-installed:
	python3 -m venv .venv
	.venv/bin/pip install --quiet --disable-pip-version-check "moto[server]==5.2.5" "cfn-lint==1.58.0"
	@touch $@

tauri-driver:
	@command -v tauri-driver >/dev/null || [ -x "$${CARGO_HOME:-$$HOME/.cargo}/bin/tauri-driver" ] || \
	  cargo install tauri-driver --locked --version 2.1.0

cargo-deny:
	@command -v cargo-deny >/dev/null || [ -x "$${CARGO_HOME:-$$HOME/.cargo}/bin/cargo-deny" ] || \
	  cargo install cargo-deny --locked --version 0.20.2

## Fuzzing ################################################################################
# Millions of mutated inputs through the parsers of untrusted input (tests/src/fuzz.rs), on
# stable Rust; `make test` runs a short smoke run of each (tests/tests/fuzz_smoke.rs).
FUZZ_RUNS ?= 400000

fuzz:
	cargo run --release --locked -p private-deploy-tests --bin fuzz -- all --runs $(FUZZ_RUNS)

## Build ###################################################################################

ui: node-deps
	cd ui && npm run build

# Tests, `make run` and the e2e test share one build: `--all-targets` also builds the test
# crates, so dependency features are resolved once for all of them.
build: ui
	cargo build --workspace --all-targets

# `private-deploy` without arguments hands over to the window, as on an admin's desktop.
run: deps build
	$(TARGET)/debug/sandbox $(TARGET)/debug/private-deploy

## Test ####################################################################################

test: deps lint test-ui build bundle-test test-rust

lint: ui deny
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings

# Licences, bans and sources (deny.toml); advisories need a database these machines cannot
# reach (a release step). The product (not the tests' mocks) must carry one HTTP stack.
deny: cargo-deny
	@# Every platform's crates (the updater's macOS and Windows ones too): cargo deny reads their licences.
	cargo fetch --locked
	cargo deny --offline check --hide-inclusion-graph licenses bans sources
	@# Any hyper 0.x in what the app or the CLI link (the tree itself must be readable).
	@tree=$$(cargo tree --locked -e normal -p private-deploy-app -p private-deploy --prefix none) && \
	  ! printf '%s\n' "$$tree" | grep -q '^hyper v0\.' || \
	  { echo "error: the app or the CLI links the AWS SDK's legacy HTTP stack (hyper 0.x), or cargo tree failed"; exit 1; }

test-ui: node-deps
	cd ui && npm run check && npm test

test-rust: build
	xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" cargo test --workspace --no-fail-fast

# The package tests check the .deb and .rpm of the debug binaries that the tests built (a
# release build would take another 17 minutes of make test's CI budget);
# `make bundle-release-test` runs the same tests on the release packages (nightly).
bundle-test: build
	$(TAURI) bundle --debug --bundles $(LINUX_BUNDLES) $(call linux_with_cli,$(TARGET)/debug)

bundle: deps ui
	cargo build --release -p private-deploy
	$(TAURI) build --bundles $(LINUX_BUNDLES) $(call linux_with_cli,$(TARGET)/release)
	@ls -1 $(TARGET)/release/bundle/deb/*.deb $(TARGET)/release/bundle/rpm/*.rpm

bundle-release-test: bundle
	PRIVATE_DEPLOY_DEB="$$(ls $(TARGET)/release/bundle/deb/*.deb)" \
	PRIVATE_DEPLOY_RPM="$$(ls $(TARGET)/release/bundle/rpm/*.rpm)" \
	  cargo test -p private-deploy-tests --test bundle_contents --test package_install

bindings: ui
	UPDATE_BINDINGS=1 cargo test -p private-deploy-app --lib bindings

# Release builds (about 17 minutes cold). Results go in docs/BENCHMARKS.md by hand.
bench: deps ui
	.venv/bin/pip install --quiet --disable-pip-version-check awscli
	cargo build --release -p private-deploy -p private-deploy-app -p private-deploy-tests --bins
	cd benches/bare-window && cargo build --release
	cargo bench -p private-deploy-tests --bench suggest
	python3 scripts/bench-discovery.py $(TARGET)/release/sandbox $(TARGET)/release/private-deploy
	xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" python3 scripts/bench-startup.py $(TARGET)/release/private-deploy-app --bare $(TARGET)/release/bare-window

clean:
	rm -rf ui/dist ui/node_modules .venv
