// SPDX-License-Identifier: GPL-2.0
/*
 * omega_vgpu_kunit.ko: the suites are registered by each *_test.c with
 * kunit_test_suite(); this file only carries the module information.
 */
#include <linux/module.h>

MODULE_DESCRIPTION("KUnit tests for omega_vgpu's pure helpers");
MODULE_LICENSE("GPL");
