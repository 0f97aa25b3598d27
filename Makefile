# Hearth: the two commands a person needs are `make run` and `make test`.
# Both install what a fresh Debian/Ubuntu machine lacks first (apt packages with sudo when
# not root, tauri-driver through cargo), so nothing has to be set up by hand.

SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -euo pipefail -c

CARGO ?= cargo
APT_PACKAGES := build-essential pkg-config libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev \
                libayatana-appindicator3-dev
TEST_PACKAGES := xvfb webkit2gtk-driver locales xdotool poppler-utils
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
DATA_HOME := $(or $(XDG_DATA_HOME),$(HOME)/.local/share)

.PHONY: run test bench bundle deps node-deps test-deps install-desktop-entry
# The install checks print only what they install.
.SILENT: deps node-deps test-deps

## run: build the release app, add Hearth to the application menu, and start it
run: deps node-deps install-desktop-entry
	exec ./target/release/hearth

## test: every test — formatting and lints, the UI's types, core, command line, UI modules, and the real app end to end
test: deps node-deps test-deps
	$(CARGO) fmt --all --check
	$(CARGO) clippy --locked --workspace --all-targets -- -D warnings
	# The interface's JavaScript against the contract generated from core (ui/tsconfig.json).
	npx --no-install tsc -p ui
	$(CARGO) build --locked -p hearth
	$(CARGO) test --locked -p hearth-core -p hearth
	node --test ui/tests/
	$(CARGO) test --locked -p hearth-e2e -- --test-threads=1

## bench: benchmarks on generated data and timings read from the running app
bench: deps node-deps test-deps
	$(CARGO) build --locked --release -p hearth -p empty-window
	HEARTH_BENCH_METRICS_DATA=target/bench-metrics-data \
	  $(CARGO) run --locked --release -p hearth-core --example bench
	$(CARGO) run --locked --release -p hearth-e2e --bin bench-app -- \
	  target/release/hearth target/release/empty-window
	$(CARGO) run --locked --release -p hearth-e2e --bin bench-plan -- target/release/hearth
	$(CARGO) run --locked --release -p hearth-e2e --bin bench-roster -- target/release/hearth
	$(CARGO) run --locked --release -p hearth-e2e --bin bench-calendar -- target/release/hearth
	$(CARGO) run --locked --release -p hearth-e2e --bin bench-print -- target/release/hearth
	HEARTH_BENCH_METRICS_DATA=target/bench-metrics-data \
	  $(CARGO) run --locked --release -p hearth-e2e --bin bench-metrics -- target/release/hearth

## bundle: the .deb package (needs tauri-cli; not part of the test path)
bundle: deps node-deps
	command -v cargo-tauri >/dev/null || $(CARGO) install tauri-cli --version '^2' --locked
	cd src-tauri && $(CARGO) tauri build --bundles deb

deps:
	missing=$$(for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done)
	command -v node >/dev/null || missing="$$missing nodejs"
	command -v npm >/dev/null || missing="$$missing npm"
	if [ -n "$$(echo $$missing)" ]; then
	  echo "Installing:" $$missing
	  $(SUDO) apt-get update -qq
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing
	fi

# Rollup, which the app's build uses to gather the interface's modules, and the checks' tools;
# npm runs only when node_modules is missing or older than the lock file.
node-deps:
	[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund

test-deps:
	missing=$$(for p in $(TEST_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done)
	if [ -n "$$(echo $$missing)" ]; then
	  echo "Installing:" $$missing
	  $(SUDO) apt-get update -qq
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing
	fi
	command -v tauri-driver >/dev/null || [ -x "$$HOME/.cargo/bin/tauri-driver" ] \
	  || $(CARGO) install tauri-driver --locked
	$(CARGO) clippy --version >/dev/null 2>&1 && $(CARGO) fmt --version >/dev/null 2>&1 \
	  || rustup component add clippy rustfmt

# A user-level desktop entry and icon (XDG, no root), so Hearth opens from the menu.
install-desktop-entry:
	$(CARGO) build --locked --release -p hearth
	for size in 32x32 128x128; do
	  install -Dm644 icons/$$size.png "$(DATA_HOME)/icons/hicolor/$$size/apps/hearth.png"
	done
	install -Dm644 icons/128x128@2x.png "$(DATA_HOME)/icons/hicolor/256x256/apps/hearth.png"
	install -Dm644 icons/icon.png "$(DATA_HOME)/icons/hicolor/512x512/apps/hearth.png"
	mkdir -p "$(DATA_HOME)/applications"
	sed -e "s|{{exec}}|$(CURDIR)/target/release/hearth|" -e "s|{{icon}}|hearth|" src-tauri/hearth.desktop.in \
	  > "$(DATA_HOME)/applications/hearth.desktop"
	command -v update-desktop-database >/dev/null \
	  && update-desktop-database -q "$(DATA_HOME)/applications" || true
	echo "Hearth is in the application menu ($(DATA_HOME)/applications/hearth.desktop)."
