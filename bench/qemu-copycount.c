// SPDX-License-Identifier: GPL-2.0
/*
 * qemu-copycount.so - count the bytes QEMU's virtio-gpu copies from guest
 * memory into its host-side resources, the same way for any guest driver.
 *
 * Why a preload library: QEMU 7.2's trace event virtio_gpu_cmd_res_xfer_toh_2d
 * records only the resource id, not the rectangle, so the trace cannot say how
 * much a transfer copied.  The 2D transfer handler (virtio_gpu_transfer_to_host_2d
 * in hw-display-virtio-gpu.so) copies with iov_to_buf(), which for a
 * non-constant length calls iov_to_buf_full() in the QEMU executable, which in
 * turn calls memcpy() through the PLT.  This library interposes memcpy() and
 * counts a call only when
 *   - it returns into iov_to_buf_full(), and
 *   - its destination lies inside the pixel store of a virtio-gpu resource
 *     (a pixman image created from hw-display-virtio-gpu.so),
 * which is exactly the guest-to-host copy of TRANSFER_TO_HOST_2D (the
 * attach-backing entry copy also goes through iov_to_buf_full but lands in a
 * heap array, not an image).
 *
 * Phase markers: the benchmark creates a resource of width 1024 and height
 * 64 + code (code 1..191).  On every such resource creation this
 * library appends "MARK <code> <bytes> <copies> <mono_ns>" to the file named by
 * OMEGA_COPYCOUNT_LOG, with the running totals, so the bytes of one workload
 * are the difference between its start and end markers.  Commands are handled
 * in queue order, so everything queued before a marker is counted before it.
 *
 * Only active in a process whose executable name starts with "qemu-system";
 * elsewhere memcpy() passes straight through.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <elf.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef void *(*memcpy_fn)(void *, const void *, size_t);
typedef void *(*create_bits_fn)(int, int, int, uint32_t *, int);
typedef int (*unref_fn)(void *);
typedef uint32_t *(*get_data_fn)(void *);
typedef int (*get_int_fn)(void *);

#define CC_MARK_WIDTH	1024
#define CC_MARK_HEIGHT0	64
#define CC_MAX_IMAGES	1024

struct cc_image {
	void *image;
	uintptr_t start, end;
};

static memcpy_fn real_memcpy;
static create_bits_fn real_create_bits;
static unref_fn real_unref;
static get_data_fn pix_get_data;
static get_int_fn pix_get_stride, pix_get_height;

static int cc_active;
static uintptr_t iov_fn_start, iov_fn_end;
static uintptr_t gpu_start, gpu_end;
static struct cc_image images[CC_MAX_IMAGES];
static unsigned long long copied_bytes, copy_calls;
static FILE *cc_log;

/* Byte copy used before the real memcpy is known; volatile keeps the
 * compiler from turning it back into a memcpy call. */
static void *cc_slow_copy(void *dst, const void *src, size_t n)
{
	volatile unsigned char *d = dst;
	const volatile unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

static int cc_find_gpu_module(struct dl_phdr_info *info, size_t size,
			      void *data)
{
	int i;

	(void)size;
	(void)data;
	if (!info->dlpi_name || !strstr(info->dlpi_name, "hw-display-virtio-gpu.so"))
		return 0;
	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t lo, hi;

		if (ph->p_type != PT_LOAD)
			continue;
		lo = info->dlpi_addr + ph->p_vaddr;
		hi = lo + ph->p_memsz;
		if (!gpu_start || lo < gpu_start)
			gpu_start = lo;
		if (hi > gpu_end)
			gpu_end = hi;
	}
	return 1;
}

/* True if @ret (a return address) is inside hw-display-virtio-gpu.so. */
static int cc_from_gpu(uintptr_t ret)
{
	if (!gpu_end)
		dl_iterate_phdr(cc_find_gpu_module, NULL);
	return ret >= gpu_start && ret < gpu_end;
}

__attribute__((constructor))
static void cc_init(void)
{
	char exe[256];
	ssize_t n;
	const char *log;
	void *sym;
	Dl_info info;
	const ElfW(Sym) *es = NULL;

	real_memcpy = (memcpy_fn)dlsym(RTLD_NEXT, "memcpy");
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return;
	exe[n] = 0;
	if (!strstr(exe, "qemu-system"))
		return;
	log = getenv("OMEGA_COPYCOUNT_LOG");
	if (!log)
		return;
	cc_log = fopen(log, "a");
	if (!cc_log)
		return;
	setvbuf(cc_log, NULL, _IOLBF, 0);

	sym = dlsym(RTLD_DEFAULT, "iov_to_buf_full");
	if (!sym || !dladdr1(sym, &info, (void **)&es, RTLD_DL_SYMENT) || !es) {
		fprintf(cc_log, "ERROR iov_to_buf_full not found\n");
		return;
	}
	iov_fn_start = (uintptr_t)sym;
	iov_fn_end = iov_fn_start + es->st_size;
	real_create_bits = (create_bits_fn)dlsym(RTLD_NEXT, "pixman_image_create_bits");
	real_unref = (unref_fn)dlsym(RTLD_NEXT, "pixman_image_unref");
	pix_get_data = (get_data_fn)dlsym(RTLD_NEXT, "pixman_image_get_data");
	pix_get_stride = (get_int_fn)dlsym(RTLD_NEXT, "pixman_image_get_stride");
	pix_get_height = (get_int_fn)dlsym(RTLD_NEXT, "pixman_image_get_height");
	if (!real_create_bits || !real_unref || !pix_get_data ||
	    !pix_get_stride || !pix_get_height) {
		fprintf(cc_log, "ERROR pixman symbols not found\n");
		return;
	}
	fprintf(cc_log, "START pid %d\n", (int)getpid());
	cc_active = 1;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	uintptr_t ret = (uintptr_t)__builtin_return_address(0);
	uintptr_t d = (uintptr_t)dst;
	int i;

	if (!real_memcpy)
		return cc_slow_copy(dst, src, n);
	if (cc_active && ret >= iov_fn_start && ret < iov_fn_end) {
		for (i = 0; i < CC_MAX_IMAGES; i++) {
			if (images[i].image && d >= images[i].start &&
			    d + n <= images[i].end) {
				__atomic_add_fetch(&copied_bytes, n, __ATOMIC_RELAXED);
				__atomic_add_fetch(&copy_calls, 1, __ATOMIC_RELAXED);
				break;
			}
		}
	}
	return real_memcpy(dst, src, n);
}

static void cc_mark(int code)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	fprintf(cc_log, "MARK %d %llu %llu %lld\n", code,
		__atomic_load_n(&copied_bytes, __ATOMIC_RELAXED),
		__atomic_load_n(&copy_calls, __ATOMIC_RELAXED),
		(long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
}

void *pixman_image_create_bits(int format, int width, int height,
			       uint32_t *bits, int stride)
{
	uintptr_t ret = (uintptr_t)__builtin_return_address(0);
	void *img;
	int i;

	if (!real_create_bits)
		real_create_bits = (create_bits_fn)dlsym(RTLD_NEXT, "pixman_image_create_bits");
	img = real_create_bits(format, width, height, bits, stride);
	if (!cc_active || !img || !cc_from_gpu(ret))
		return img;
	if (width == CC_MARK_WIDTH && height > CC_MARK_HEIGHT0 &&
	    height < CC_MARK_HEIGHT0 + 192)
		cc_mark(height - CC_MARK_HEIGHT0);
	for (i = 0; i < CC_MAX_IMAGES; i++) {
		if (!images[i].image) {
			uintptr_t s = (uintptr_t)pix_get_data(img);

			images[i].start = s;
			images[i].end = s + (uintptr_t)pix_get_stride(img) *
					    (uintptr_t)pix_get_height(img);
			images[i].image = img;
			break;
		}
	}
	return img;
}

int pixman_image_unref(void *img)
{
	int i, freed;

	if (!real_unref)
		real_unref = (unref_fn)dlsym(RTLD_NEXT, "pixman_image_unref");
	freed = real_unref(img);
	if (freed && cc_active) {
		for (i = 0; i < CC_MAX_IMAGES; i++)
			if (images[i].image == img)
				images[i].image = NULL;
	}
	return freed;
}
