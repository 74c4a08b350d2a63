/* fuzz_lsp.c: libFuzzer target over the language server's input stream (`ddlint lsp`). The
 * first byte of the input picks how the rest reaches the server:
 *   even: JSON-RPC message bodies separated by 0xFF bytes, each framed here with its correct
 *         Content-Length header (the fuzzer then explores the messages: initialize, didOpen,
 *         didChange with ranges, hover, codeAction, shutdown ...);
 *   odd:  the raw stream, headers included (the framing itself).
 * The stream is a memory file read by dl_lsp_main until its end or an exit notification; the
 * responses go to /dev/null. `make fuzz-lsp` builds it with clang, AddressSanitizer and
 * UndefinedBehaviorSanitizer. The documents' URIs may name real directories: the server only
 * reads them (a .ddlint.yaml, the migrations before a document).
 *
 * The Makefile compiles every .c file in tests/ into the unit-test binary too; there the
 * entry point is not defined (DL_FUZZ_MAIN is only set for the fuzz build).
 */
#include "ddlint/lsp.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int dl_fuzz_lsp_one(const uint8_t *data, size_t size);

static int put(int fd, const void *p, size_t n)
{
	return n == 0 || write(fd, p, n) == (ssize_t)n ? 0 : -1;
}

int dl_fuzz_lsp_one(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	int fd = memfd_create("lsp-stream", MFD_CLOEXEC);
	if (fd < 0)
		return 0;
	const uint8_t *p = data + 1, *end = data + size;
	int rc = 0;
	if (data[0] & 1) {
		rc = put(fd, p, (size_t)(end - p));
	} else {
		while (p <= end && rc == 0) {
			const uint8_t *sep = memchr(p, 0xFF, (size_t)(end - p));
			const uint8_t *stop = sep ? sep : end;
			char header[64];
			int n = snprintf(header, sizeof(header), "Content-Length: %zu\r\n\r\n",
				(size_t)(stop - p));
			rc = put(fd, header, (size_t)n) || put(fd, p, (size_t)(stop - p));
			p = stop + 1;
		}
	}
	FILE *in = rc == 0 && lseek(fd, 0, SEEK_SET) == 0 ? fdopen(fd, "rb") : NULL;
	FILE *out = in ? fopen("/dev/null", "wb") : NULL;
	if (in && out)
		(void)dl_lsp_main(in, out);
	if (out)
		fclose(out);
	if (in)
		fclose(in); /* closes fd */
	else
		close(fd);
	return 0;
}

#ifdef DL_FUZZ_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return dl_fuzz_lsp_one(data, size);
}
#endif
