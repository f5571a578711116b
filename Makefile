SWIFT ?= swift
BIN := .build/debug/ovnip-top

.PHONY: build test bench demo screenshots release clean docs

build:
	$(SWIFT) build

test:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel --num-workers 2

release:
	$(SWIFT) build -c release

bench:
	$(SWIFT) build -c release --product ovnip-bench
	.build/release/ovnip-bench

demo: build
	$(BIN) --demo --grace 10s

# PNGs of the main views under screenshots/ (tmux + Pillow + DejaVu Sans Mono; installs them if missing).
# SCREENSHOT_ARGS picks what to show: the demo by default, or e.g. --from DIR.
SCREENSHOT_ARGS ?= --demo
screenshots: build
	@command -v tmux >/dev/null || apt-get install -y tmux
	@test -f /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf || apt-get install -y fonts-dejavu-core
	@python3 -c 'import PIL' 2>/dev/null || apt-get install -y python3-pil || pip install --break-system-packages pillow
	scripts/screenshots.sh $(BIN) $(SCREENSHOT_ARGS)

clean:
	rm -rf .build
