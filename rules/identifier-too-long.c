/* identifier-too-long: an identifier PostgreSQL silently truncates to 63 bytes. */
#include "ddlint/pg.h"

#include "ddlint/lex.h"
#include "ddlint/registry.h"

#include <stdlib.h>
#include <string.h>

#define NAMEDATALEN_MAX 63

static const char doc[] =
	"Reports an identifier longer than 63 bytes (PostgreSQL's NAMEDATALEN - 1), quoted or not.\n"
	"\n"
	"**Lock and effect:** none of its own.\n"
	"\n"
	"**Why it is dangerous:** PostgreSQL truncates it silently (with only a NOTICE), so the\n"
	"object gets a different name than the one written: later migrations and application code\n"
	"that use the full name fail, and two long names with the same first 63 bytes collide.\n"
	"Bytes count, not characters: a name in a non-ASCII script reaches the limit sooner.\n"
	"\n"
	"**Safe alternative:** choose a name of at most 63 bytes.\n";

/* UTF-8 length of code point CP. */
static size_t utf8_len(unsigned long cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/* The value of the DIGITS hexadecimal digits at TEXT[AT]. */
static unsigned long parse_hex(const char *text, size_t at, size_t digits)
{
	char hex[8] = { 0 };
	memcpy(hex, text + at, digits);
	return strtoul(hex, NULL, 16);
}

/* The length of the identifier the token denotes: quotes removed, "" counted once, and in a
 * U&"..." name each \XXXX or \+XXXXXX escape counted as the character it stands for. */
static size_t identifier_bytes(const char *text, const dl_token *tok)
{
	if (tok->kind == DL_TOK_WORD)
		return tok->end - tok->start;
	bool unicode = text[tok->start] != '"'; /* U&"..." */
	size_t i = tok->start + (unicode ? 3 : 1), end = tok->end - 1, n = 0;
	while (i < end) {
		if (text[i] == '"') {
			i += 2; /* a doubled quote stands for one */
			n++;
		} else if (unicode && text[i] == '\\' && i + 1 < end && text[i + 1] != '\\') {
			bool wide = text[i + 1] == '+';
			size_t digits = wide ? 6 : 4, start = i + (wide ? 2 : 1);
			if (start + digits > end)
				break;
			n += utf8_len(parse_hex(text, start, digits));
			i = start + digits;
		} else {
			i += unicode && text[i] == '\\' ? 2 : 1; /* \\ stands for one backslash */
			n++;
		}
	}
	return n;
}

static bool is_name_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		c == '_' || c == '$' || c >= 0x80;
}

/* Whether TEXT[START..END) holds a quoted name (from a '"' to the next quote that is not
 * doubled) of more than 63 bytes between its quotes. */
static bool has_long_quoted(const char *text, size_t start, size_t end)
{
	const char *q;
	for (size_t i = start; i < end && (q = memchr(text + i, '"', end - i)); i++) {
		i = (size_t)(q - text);
		size_t j = i + 1;
		while (j < end && !(text[j] == '"' && (j + 1 >= end || text[j + 1] != '"')))
			j += text[j] == '"' ? 2 : 1;
		if (j - i - 1 > NAMEDATALEN_MAX)
			return true;
		i = j;
	}
	return false;
}

/* Whether TEXT[START..END) holds a run of more than 63 name bytes. Looks at the last byte of
 * each 64-byte window first: when it is not a name byte no run covers it, so the window is
 * skipped whole (most bytes are never read). */
static bool has_long_run(const char *text, size_t start, size_t end)
{
	size_t i = start; /* no run of 64 starts before I */
	while (end - i > NAMEDATALEN_MAX) {
		size_t k = i + NAMEDATALEN_MAX;
		if (!is_name_byte((unsigned char)text[k])) {
			i = k + 1;
			continue;
		}
		while (k > i && is_name_byte((unsigned char)text[k - 1]))
			k--;
		if (k == i)
			return true;
		i = k; /* the byte before K ends every run starting earlier */
	}
	return false;
}

/* Whether the statement holds a run of more than 63 name bytes or a long quoted name: the
 * only statements worth tokenizing (most are not, and these scans are much cheaper). A run
 * inside a quoted name needs a long quoted name, so the run scan may ignore quotes. */
static bool may_hold_long_name(const char *text, size_t start, size_t end)
{
	return has_long_quoted(text, start, end) || has_long_run(text, start, end);
}

static void check(dl_ctx *ctx, const dl_stmt *stmt)
{
	const char *text = dl_ctx_source(ctx)->text;
	if (!may_hold_long_name(text, stmt->offset, stmt->offset + stmt->length))
		return;
	size_t end = stmt->offset + stmt->length, pos = stmt->offset;
	dl_token tok;
	while (dl_lex_next(text, end, pos, &tok), tok.kind != DL_TOK_END) {
		pos = tok.end;
		if (tok.kind != DL_TOK_WORD && tok.kind != DL_TOK_QUOTED)
			continue;
		size_t bytes = identifier_bytes(text, &tok);
		if (bytes <= NAMEDATALEN_MAX)
			continue;
		dl_diag *d = dl_report(ctx, &dl_rule_identifier_too_long,
			dl_source_span(dl_ctx_source(ctx), tok.start, tok.end - tok.start),
			"identifier of %zu bytes is longer than PostgreSQL's limit of 63 and will be "
			"truncated silently", bytes);
		dl_diag_set_help(d, "shorten the name to at most 63 bytes");
	}
}

const dl_rule dl_rule_identifier_too_long = {
	.id = "identifier-too-long",
	.severity = DL_SEV_WARNING,
	.enabled = true,
	.summary = "An identifier over 63 bytes is silently truncated",
	.doc = doc,
	.bad_example = "CREATE INDEX index_on_customer_orders_by_customer_id_and_creation_time_and_status "
		"ON orders (customer_id, created_at, status);",
	.good_example = "CREATE INDEX orders_customer_created_status_idx\n"
		"  ON orders (customer_id, created_at, status);",
	.check = check,
};
