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
	$(BIN) --demo

clean:
	rm -rf .build
