/* test_source.c: byte offsets to line/column positions, and the formatting of numbers. */
#include "ddlint/jsonout.h"
#include "ddlint/source.h"

#include "tests.h"

#include <stdio.h>
#include <string.h>

static dl_source make(const char *text, size_t len)
{
	dl_source src;
	dl_buf err = DL_BUF_INIT;
	ck_assert_int_eq(dl_source_from_string(&src, "t.sql", text, len, &err), 0);
	dl_buf_free(&err);
	return src;
}

static void expect_pos(dl_source *src, size_t offset, unsigned line, unsigned col)
{
	unsigned l, c;
	dl_source_position(src, offset, &l, &c);
	ck_assert_msg(l == line && c == col, "offset %zu: got %u:%u, expected %u:%u", offset, l, c,
		line, col);
}

START_TEST(test_ascii_lines)
{
	dl_source src = make("ab\ncd\n\nx", 8);
	expect_pos(&src, 0, 1, 1);
	expect_pos(&src, 1, 1, 2);
	expect_pos(&src, 2, 1, 3); /* the newline itself */
	expect_pos(&src, 3, 2, 1);
	expect_pos(&src, 6, 3, 1);
	expect_pos(&src, 7, 4, 1);
	expect_pos(&src, 8, 4, 2); /* end of text */
	dl_source_free(&src);
}
END_TEST

START_TEST(test_utf8_columns_count_characters)
{
	/* "é" is 2 bytes, "€" 3 bytes, "😀" 4 bytes */
	const char *text = "-- é€😀\nx";
	dl_source src = make(text, strlen(text));
	expect_pos(&src, 3, 1, 4);  /* é */
	expect_pos(&src, 5, 1, 5);  /* € */
	expect_pos(&src, 8, 1, 6);  /* 😀 */
	expect_pos(&src, 12, 1, 7); /* newline */
	expect_pos(&src, 13, 2, 1);
	dl_source_free(&src);
	/* long enough to be counted eight bytes at a time, with sequences across the words */
	const char *wide = "SELECT 'é€😀é€😀é€😀', 'ascii text here', '😀😀😀😀' AS x";
	src = make(wide, strlen(wide));
	const char *x = strstr(wide, " x");
	expect_pos(&src, (size_t)(x - wide) + 1, 1, 50); /* the x: 49 characters before it */
	dl_source_free(&src);
}
END_TEST

START_TEST(test_crlf_and_lone_cr)
{
	dl_source src = make("a\r\nb\rc\n", 7);
	expect_pos(&src, 0, 1, 1);
	expect_pos(&src, 1, 1, 2); /* \r of CRLF belongs to line 1 */
	expect_pos(&src, 3, 2, 1);
	expect_pos(&src, 5, 3, 1); /* after a lone CR */
	size_t len;
	const char *line = dl_source_line(&src, 1, &len);
	ck_assert_int_eq((int)len, 1);
	ck_assert_int_eq(line[0], 'a');
	dl_source_free(&src);
}
END_TEST

START_TEST(test_bom_is_not_a_column)
{
	const char *text = "\xEF\xBB\xBFSELECT 1;";
	dl_source src = make(text, strlen(text));
	ck_assert_int_eq((int)src.bom, 3);
	expect_pos(&src, 3, 1, 1);
	expect_pos(&src, 10, 1, 8);
	/* The BOM is blanked for the parser; offsets stay those of the file. */
	ck_assert_int_eq(src.text[0], ' ');
	size_t len;
	const char *line = dl_source_line(&src, 1, &len);
	ck_assert_int_eq(line[0], 'S');
	dl_source_free(&src);
}
END_TEST

START_TEST(test_tab_is_one_character)
{
	dl_source src = make("\t\tx", 3);
	expect_pos(&src, 2, 1, 3);
	dl_source_free(&src);
}
END_TEST

START_TEST(test_span_end_is_exclusive)
{
	dl_source src = make("abc\ndef", 7);
	dl_span s = dl_source_span(&src, 1, 5); /* "bc\nde" */
	ck_assert_uint_eq(s.line, 1);
	ck_assert_uint_eq(s.column, 2);
	ck_assert_uint_eq(s.end_line, 2);
	ck_assert_uint_eq(s.end_column, 3);
	ck_assert_uint_eq(s.offset, 1);
	ck_assert_uint_eq(s.length, 5);
	dl_source_free(&src);
}
END_TEST

START_TEST(test_nul_byte_is_rejected_with_position)
{
	dl_source src;
	dl_buf err = DL_BUF_INIT;
	ck_assert_int_eq(dl_source_from_string(&src, "t.sql", "ab\ncd\0e", 7, &err), -1);
	ck_assert_str_eq(err.ptr, "2:3: not a SQL text file (NUL byte)");
	dl_buf_free(&err);
}
END_TEST

START_TEST(test_advance_chars)
{
	const char *text = "é€x";
	dl_source src = make(text, strlen(text));
	ck_assert_uint_eq(dl_source_advance_chars(&src, 0, 2), 5);
	ck_assert_uint_eq(dl_source_advance_chars(&src, 0, 9), strlen(text));
	dl_source_free(&src);
	/* invalid UTF-8 counts as PostgreSQL counts it: each stray continuation byte is one
	 * character (a syntax error after them was reported three lines too far, found by the
	 * fuzzer) */
	const char *stray = "a\x8a\x8a\x8a b";
	src = make(stray, strlen(stray));
	ck_assert_uint_eq(dl_source_advance_chars(&src, 0, 5), 5);
	ck_assert_uint_eq(dl_source_advance_chars(&src, 1, 1), 2);
	dl_source_free(&src);
}
END_TEST

/* dl_buf_printf formats the common conversions itself: the bytes must be snprintf's. */
#define EXPECT_PRINTF(...) \
	do { \
		char want[256]; \
		snprintf(want, sizeof(want), __VA_ARGS__); \
		dl_buf got = DL_BUF_INIT; \
		dl_buf_puts(&got, "<"); \
		dl_buf_printf(&got, __VA_ARGS__); \
		ck_assert_str_eq(got.ptr + 1, want); \
		ck_assert_uint_eq(got.len, strlen(want) + 1); \
		dl_buf_free(&got); \
	} while (0)

START_TEST(test_buf_printf_matches_snprintf)
{
	EXPECT_PRINTF("plain");
	EXPECT_PRINTF("%s on \"%s\"%s", "ACCESS EXCLUSIVE", "users", "");
	EXPECT_PRINTF("%d %d %ld %u %lu %zu", -2147483647 - 1, 42, -9000000000L, 4294967295u,
		0ul, (size_t)18446744073709551615ull);
	EXPECT_PRINTF("%.*s|%c|100%%|%.*s", 3, "abcdef", 'x', 10, "ab");
	const char *volatile none = NULL; /* hidden from the compiler's format check */
	EXPECT_PRINTF("%s", none); /* not formatted here: "(null)" */
	EXPECT_PRINTF("%5u|%-4s|%02x", 7u, "a", 10u); /* nor width and flags */
}
END_TEST

/* The JSON report's numbers are written two digits a step: the bytes must be %llu's. */
START_TEST(test_json_uint_matches_snprintf)
{
	const unsigned long long values[] = { 0, 7, 9, 10, 42, 99, 100, 101, 999, 1000, 65535,
		1234567, 4294967295ull, 18446744073709551615ull };
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		char want[32];
		snprintf(want, sizeof(want), "%llu", values[i]);
		dl_buf got = DL_BUF_INIT;
		dl_buf_puts(&got, "<");
		dl_json_put_uint(&got, values[i]);
		ck_assert_str_eq(got.ptr + 1, want);
		ck_assert_uint_eq(got.len, strlen(want) + 1);
		dl_buf_free(&got);
	}
}
END_TEST

Suite *suite_source(void)
{
	Suite *s = suite_create("source");
	TCase *tc = tcase_create("positions");
	tcase_add_test(tc, test_ascii_lines);
	tcase_add_test(tc, test_utf8_columns_count_characters);
	tcase_add_test(tc, test_crlf_and_lone_cr);
	tcase_add_test(tc, test_bom_is_not_a_column);
	tcase_add_test(tc, test_tab_is_one_character);
	tcase_add_test(tc, test_span_end_is_exclusive);
	tcase_add_test(tc, test_nul_byte_is_rejected_with_position);
	tcase_add_test(tc, test_advance_chars);
	tcase_add_test(tc, test_buf_printf_matches_snprintf);
	tcase_add_test(tc, test_json_uint_matches_snprintf);
	suite_add_tcase(s, tc);
	return s;
}
