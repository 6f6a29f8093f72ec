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

# Not *.mod.c: a plain `make` here leaves one for its kernel, and linking it
# into out/<kver>/ would hand that kernel's symbol versions to the others.
SOURCES := Kbuild $(filter-out %.mod.c,$(wildcard $(SRCDIR)/*.c $(SRCDIR)/*.h)) \
	$(SRCDIR)/include

.PHONY: all modules clean setup module-all module-kver check demo bench stress coverage
.PHONY: install headers_install dkms-src dkms-install dkms-remove dkms-test package-test

all: modules

modules:
	@test -d "$(KDIR)" || { echo "no kernel build tree at $(KDIR): run scripts/setup.sh"; exit 1; }
	$(MAKE) -C $(KDIR) M=$(SRCDIR) modules

# Build in out/<kver>/ (a tree of symlinks) so that several kernels' objects
# can coexist; the module ends up in out/<kver>/omega_vgpu.ko.
module-kver:
	@test -n "$(KVER)" || { echo "KVER is empty: run scripts/setup.sh"; exit 1; }
	@mkdir -p $(SRCDIR)/out/$(KVER)
	@cd $(SRCDIR)/out/$(KVER) && find . -maxdepth 1 -type l -name '*.mod.c' -delete && \
		for f in $(notdir $(SOURCES)); do ln -sfn ../../$$f $$f; done
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

# Packaging (issue #11): see Documentation/packaging.rst.
#   make install           modules_install of out/<kver>/omega_vgpu.ko into
#                          $(INSTALL_MOD_PATH)/lib/modules/<kver>/$(INSTALL_MOD_DIR)
#                          (default updates/); depmod when INSTALL_MOD_PATH is empty
#   make headers_install   the uapi header as $(INSTALL_HDR_PATH)/drm/omega_vgpu_drm.h
#                          (default /usr/local/include)
#   make dkms-src          copy the module sources to $(DKMS_SOURCE_TREE)/omega_vgpu-<version>
#   make dkms-install      dkms-src, then dkms add/build/install for the running
#                          kernel (DKMS_KVER=<kver> for another one)
#   make dkms-remove       dkms remove --all, and delete the copied sources
#   make package-test      DKMS build for both kernels, make install, headers_install,
#                          and the guest binding tests (packaging/suite.sh)
#   make dkms-test         the DKMS and install parts of it only (no guest)
PACKAGE_VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' $(SRCDIR)/dkms.conf)
INSTALL_MOD_DIR ?= updates
INSTALL_HDR_PATH ?= /usr/local/include
DKMS_SOURCE_TREE ?= /usr/src
DKMS_DIR := $(DKMS_SOURCE_TREE)/omega_vgpu-$(PACKAGE_VERSION)
# What a DKMS build needs: Kbuild, the sources, the uapi header, dkms.conf.
DKMS_FILES := Kbuild Makefile dkms.conf include packaging/omega_vgpu.conf \
	$(notdir $(wildcard $(SRCDIR)/omega_vgpu_*.c $(SRCDIR)/omega_vgpu_*.h))

# Debian's headers carry no signing key, so modules_install's signing step
# (CONFIG_MODULE_SIG_ALL) could only fail noisily: skip it when there is no
# key in the build tree.  DKMS signs with its own MOK key instead.
INSTALL_NOSIGN = $(if $(wildcard $(KDIR)/output/signing_key.pem $(KDIR)/certs/signing_key.pem),,CONFIG_MODULE_SIG_ALL=)

install: module-kver
	$(MAKE) -C $(KDIR) M=$(SRCDIR)/out/$(KVER) INSTALL_MOD_DIR=$(INSTALL_MOD_DIR) \
		$(if $(INSTALL_MOD_PATH),INSTALL_MOD_PATH=$(INSTALL_MOD_PATH)) $(INSTALL_NOSIGN) \
		modules_install
	$(if $(INSTALL_MOD_PATH),,depmod -a $(KVER))

headers_install:
	install -d $(INSTALL_HDR_PATH)/drm
	install -m 0644 $(SRCDIR)/include/uapi/drm/omega_vgpu_drm.h $(INSTALL_HDR_PATH)/drm/

dkms-src:
	@test -n "$(PACKAGE_VERSION)" || { echo "no PACKAGE_VERSION in dkms.conf"; exit 1; }
	rm -rf $(DKMS_DIR)
	mkdir -p $(DKMS_DIR)
	cd $(SRCDIR) && cp -r --parents $(DKMS_FILES) $(DKMS_DIR)/

dkms-install: dkms-src
	dkms status -m omega_vgpu -v $(PACKAGE_VERSION) | grep -q . || \
		dkms add -m omega_vgpu -v $(PACKAGE_VERSION)
	dkms install -m omega_vgpu -v $(PACKAGE_VERSION) $(if $(DKMS_KVER),-k $(DKMS_KVER))

dkms-remove:
	dkms remove -m omega_vgpu -v $(PACKAGE_VERSION) --all || true
	rm -rf $(DKMS_DIR)

dkms-test:
	OMEGA_PACKAGING_GUEST=0 $(SRCDIR)/packaging/suite.sh

package-test:
	$(SRCDIR)/packaging/suite.sh

# Reliability under stress (issue #10): userspace-tests/reliability/stress.sh,
# about 20 minutes on the debug kernel (results/stress-reliability/).
stress:
	$(SRCDIR)/userspace-tests/reliability/stress.sh
