# SPDX-License-Identifier: GPL-2.0
#
# Out-of-tree build of omega_vgpu.
#
#   make                    build for Debian's stock 6.1 kernel (in this tree)
#   make KVER=<version>     build for another installed kernel's headers
#   make KDIR=<path>        build against a kernel build tree
#   make module-all         build for 6.1 and 6.12 into out/<kver>/
#   make clean              remove everything the build made

SRCDIR := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))

KVER_61  ?= $(shell ls -d /lib/modules/6.1.*-amd64/build 2>/dev/null | sort -V | tail -1 | cut -d/ -f4)
KVER_612 ?= $(shell ls -d /lib/modules/6.12.*-amd64/build 2>/dev/null | sort -V | tail -1 | cut -d/ -f4)
KVER ?= $(KVER_61)
KDIR ?= /lib/modules/$(KVER)/build

SOURCES := Kbuild $(wildcard $(SRCDIR)/*.c $(SRCDIR)/*.h) $(SRCDIR)/include

.PHONY: all modules clean setup module-all module-kver check demo bench coverage

all: modules

modules:
	@test -d "$(KDIR)" || { echo "no kernel build tree at $(KDIR): run scripts/setup.sh"; exit 1; }
	$(MAKE) -C $(KDIR) M=$(SRCDIR) modules

# Build in out/<kver>/ (a tree of symlinks) so that several kernels' objects
# can coexist; the module ends up in out/<kver>/omega_vgpu.ko.
module-kver:
	@test -n "$(KVER)" || { echo "KVER is empty: run scripts/setup.sh"; exit 1; }
	@mkdir -p $(SRCDIR)/out/$(KVER)
	@cd $(SRCDIR)/out/$(KVER) && for f in $(notdir $(SOURCES)); do ln -sfn ../../$$f $$f; done
	$(MAKE) -C $(KDIR) M=$(SRCDIR)/out/$(KVER) modules

module-all:
	$(MAKE) -C $(SRCDIR) module-kver KVER=$(KVER_61) KDIR=/lib/modules/$(KVER_61)/build
	$(MAKE) -C $(SRCDIR) module-kver KVER=$(KVER_612) KDIR=/lib/modules/$(KVER_612)/build

clean:
	@if [ -d "$(KDIR)" ]; then $(MAKE) -C $(KDIR) M=$(SRCDIR) clean; fi
	rm -rf $(SRCDIR)/out

# Project glue (issue #2): see README.md.
#   make setup     install every package the project needs (apt)
#   make check     build for 6.1 and 6.12, run all test suites in QEMU
#   make demo      modetest pattern on omega_vgpu in a 6.1 guest, screendump
#                  in results/demo/ (DEMO_XRES, DEMO_YRES, DEMO_OUTPUTS,
#                  DEMO_DRIVER=omega|virtio_gpu)
setup:
	$(SRCDIR)/scripts/setup.sh

check:
	$(SRCDIR)/scripts/check.sh

demo:
	DEMO_XRES="$(DEMO_XRES)" DEMO_YRES="$(DEMO_YRES)" DEMO_OUTPUTS="$(DEMO_OUTPUTS)" \
		DEMO_DRIVER="$(DEMO_DRIVER)" $(SRCDIR)/scripts/demo.sh

# Benchmark against Linux's virtio-gpu (issue #8): see Documentation/performance.rst.
#   make bench     both drivers, alternating, in results/bench-<ts>/ (BENCH_RUNS,
#                  BENCH_MODES, BENCH_KERNELS, BENCH_SCALE, BENCH_WORKLOADS)
bench:
	$(SRCDIR)/bench/run.sh

# Line coverage of the driver on the debug kernel (KUnit + userspace workload).
coverage: setup
	$(SRCDIR)/scripts/coverage.sh
